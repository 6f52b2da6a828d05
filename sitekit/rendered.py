"""The `page_rendered` signal: each page's HTML as it is written, for whoever needs it.

Sent by the `rendered` plugin's writer with the output name (relative to OUTPUT_PATH, such as
`bai-moi/index.html`) as sender and the text as `html`. Without that plugin nothing is sent:
the plugins that listen (the link check, the search) then receive no page.
"""

from blinker import signal

page_rendered = signal("page_rendered")
