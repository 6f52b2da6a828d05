"""The Pelican generator: reads the programme first, writes its pages and calendars last."""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from sitekit.problems import report

from . import calendars, jsonld, links, place_links, print_qr, route_svg, schedule_export
from .assemble import read_programme
from .model import Programme
from .settings import read as read_settings
from .validate import validate

logger = logging.getLogger(__name__)


def load(settings: dict) -> tuple[Programme | None, bool]:
    """Read and check the programme (None when there is none); True when it had errors."""
    config, problems = read_settings(settings)
    folder = os.path.join(settings["PATH"], config["PATH"])
    programme, found = read_programme(folder, settings["PATH"], config)
    problems += found
    if programme is not None and not _errors(problems):
        problems += validate(programme)
    for problem in problems:
        report(problem)
    failed = _errors(problems)  # a warning (a date before 1990) still builds the programme
    return (None if failed else programme), failed


def _errors(problems: list) -> bool:
    return any(p.severity == "error" for p in problems)


class ProgrammeGenerator(Generator):
    """Pages for the programme, each session and each place; the .ics calendars."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read here, before any article: {programme} links in articles need the session ids,
        # and every template (the home page too) may show the programme.
        self.programme, failed = load(self.settings)
        self.context[links.CONTEXT_KEY] = self.programme
        self.context[links.FAILED_KEY] = failed

    def generate_context(self) -> None:
        """Attach to each session the published articles that link it (articles are read now)."""
        if self.programme is None:
            return
        for session in self.programme.sessions:
            session.articles = links.linking(self.context.get("articles", []), session.id)

    def generate_output(self, writer) -> None:
        """Write the pages with the theme's templates, then the calendars."""
        programme = self.programme
        if programme is None:
            return
        siteurl = self.settings["SITEURL"]
        relative = self.settings["RELATIVE_URLS"]

        def page(template: str, save_as: str, url: str, **values) -> None:
            # page_name tells the theme which page this is (the navigation marks it current).
            writer.write_file(save_as, self.get_template(template), self.context,
                              relative_urls=relative, url=url, page_name=template, **values)

        maps = route_svg.figures(programme)  # drawn once, shown on the programme and visit pages
        page("programme", programme.save_as, programme.url, route_maps=maps,
             printed_link=print_qr.printed_link(siteurl, programme.url),
             programme_jsonld=jsonld.programme_document(programme, siteurl),
             schedule_files=schedule_export.paths(programme))
        for session in programme.sessions:
            page("programme_session", session.save_as, session.url, session=session,
                 route_maps=maps,
                 programme_jsonld=jsonld.session_document(programme, session, siteurl))
        for place in programme.places.values():
            page("programme_place", place.save_as, place.url, place=place,
                 directions=place_links.directions(place),
                 programme_jsonld=jsonld.place_document(place, siteurl))
        # Calendars and the conference apps' schedule: files of their own, no template.
        files = calendars.calendars(programme, siteurl)
        files.update(schedule_export.files(programme, siteurl))
        for name, data in files.items():
            path = os.path.join(self.output_path, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(data)
            logger.debug('Writing "%s"', path)
