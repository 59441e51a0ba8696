"""
The site's languages as readers meet them: a brief's translations, and where the
language switcher goes from any page. Nothing here queries the database (but
brief_translations() of a brief fetched without its translation slugs).
"""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import override

from articles.models import Article, current_language

# Each language in its own name, as readers look for it in a switcher.
NATIVE_NAMES = {"en": "English", "es": "Español", "pt": "Português"}
# The query parameter that asks a list to say the brief just left is not translated.
UNTRANSLATED = "untranslated"


def brief_translations(article: Article) -> list[dict]:
    """
    The other public language versions of `article`, in the order of settings.LANGUAGES:
    from its `with_translation_slugs()` annotations, else (previews) one query.
    """
    if hasattr(article, f"translation_slug_{settings.LANGUAGE_CODE}"):
        slugs = {code: getattr(article, f"translation_slug_{code}") for code in NATIVE_NAMES}
    else:
        slugs = dict(
            Article.objects.published().translations_of(article).values_list("language", "slug")
        )
    translations = []
    for code, _name in settings.LANGUAGES:
        if code != article.language and slugs.get(code):
            with override(code):
                path = reverse("briefs:detail", kwargs={"slug": slugs[code]})
            translations.append({"code": code, "name": NATIVE_NAMES[code], "path": path})
    return translations


def _list_path(code: str) -> str:
    with override(code):
        return reverse("briefs:list")


def switcher(request, translations: list[dict] | None) -> list[dict]:
    """
    One entry per language: the current one, and for the others the same page in that
    language (a brief's translation when `translations` is given), else that
    language's list of briefs, which then says the brief is not translated.
    """
    current = current_language()
    path = request.get_full_path() if request is not None else "/"
    entries = []
    for code, _name in settings.LANGUAGES:
        entry = {"code": code, "name": NATIVE_NAMES[code], "current": code == current}
        if code != current:
            if translations is not None:
                match = next((t for t in translations if t["code"] == code), None)
                entry["url"] = match["path"] if match else f"{_list_path(code)}?{UNTRANSLATED}=1"
                entry["translated"] = match is not None
            else:
                translated = translate_url(path, code)
                if translated == path:
                    with override(code):
                        translated = reverse("home")
                entry["url"] = translated
                entry["translated"] = True
        entries.append(entry)
    return entries


def alternates(build_absolute_uri, canonical: str, translations: list[dict] | None) -> dict:
    """
    The hreflang links of a page: {"languages": [{code, url}], "default": url}. A brief
    links its public translations; any other page its address in every language.
    x-default is the English version where there is one.
    """
    current = current_language()
    links = [{"code": current, "url": canonical}]
    if translations is not None:
        links += [{"code": t["code"], "url": build_absolute_uri(t["path"])} for t in translations]
    else:
        for code, _name in settings.LANGUAGES:
            if code != current:
                translated = translate_url(canonical, code)
                if translated != canonical:
                    links.append({"code": code, "url": translated})
    by_code = {link["code"]: link["url"] for link in links}
    links.sort(key=lambda link: [code for code, _ in settings.LANGUAGES].index(link["code"]))
    return {"languages": links, "default": by_code.get(settings.LANGUAGE_CODE, canonical)}
