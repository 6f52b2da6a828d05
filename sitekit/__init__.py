"""What several plugins of this site need, in one place; not a Pelican plugin itself.

Plugins import only this package, Pelican (and its libraries) and their own modules; none
imports another plugin. One module per job:

- `problems`: the editor-facing `Problem`, the build's collector, how a build stops;
- `settings_schema`: the options each plugin declares (type, default, the sentence for a
  wrong value), checked once at start; `plugin_order`: which plugins must come before which;
- `text`: NFC text and ASCII slugs for Vietnamese, a sapo without its source;
- `dates`: the site's time zone and clock, datelines; `date_input`: dates as editors type them;
- `numbers`: numbers as Vietnamese write them;
- `urls`: absolute URLs from SITEURL;
- `paths`: whether a path lies inside a folder; `source_lines`: where in a source file;
- `contents`: every article or page a generator read;
- `once`: the render memo templates call; `theme`: what every template needs (strings,
  `once`, filters), set up by whichever plugin renders a page first;
- `rendered`: the `page_rendered` signal (sent by the `rendered` plugin's writer);
- `source_texts`: the bytes of each content source, read once per build and shared;
- `metadata_block`: the metadata block of a Markdown file, split one way for review and build.
"""
