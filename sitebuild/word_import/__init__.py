"""`invoke import`: Word files (.docx) become draft articles with their photos.

One module per job: `document` reads and checks the file (legacy fonts through `legacy`),
`convert` runs mammoth and markdownify, `shape` finds title, sapo and captions, `photos` writes
the pictures, `article` the draft; `run` puts them together for one or several files.
"""

from .document import ImportRefused
from .run import Imported, Outcome, expand, import_all, import_file

__all__ = ["ImportRefused", "Imported", "Outcome", "expand", "import_all", "import_file"]
