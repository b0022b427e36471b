"""Labels of the printed large-print handout: German plus the languages of Krefeld's largest
migrant groups among seniors.

Kept as an explicit dictionary instead of gettext because a handout shows German AND a second
language side by side, whatever the language of the helper's own interface is. A language that
is missing here (or a missing key) falls back to German only; nothing on a handout may crash.
"""

from __future__ import annotations

from dataclasses import dataclass

GERMAN = "de"


@dataclass(frozen=True)
class HandoutLanguage:
    code: str
    native_name: str
    german_name: str
    rtl: bool = False


# The order is the order of the choice on the entry page.
HANDOUT_LANGUAGES = {
    "de": HandoutLanguage("de", "Deutsch", "nur Deutsch"),
    "tr": HandoutLanguage("tr", "Türkçe", "Türkisch"),
    "pl": HandoutLanguage("pl", "Polski", "Polnisch"),
    "ar": HandoutLanguage("ar", "العربية", "Arabisch", rtl=True),
    "ru": HandoutLanguage("ru", "Русский", "Russisch"),
    "uk": HandoutLanguage("uk", "Українська", "Ukrainisch"),
}

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "heading": "Hier bekommen Sie Hilfe",
        "what": "Was?",
        "where": "Wo?",
        "when": "Wann geöffnet?",
        "phone": "Telefon",
        "email": "E-Mail",
        "website": "Internet",
        "cost": "Kosten",
        "languages": "Sprachen",
        "accessibility": "Barrierefreiheit",
        "citywide": "für ganz Krefeld",
        "helper": "Ihre Quartiershelferin / Ihr Quartiershelfer",
        "base": "Stützpunkt",
        "more": "Mehr Informationen: QR-Code scannen",
    },
    "tr": {
        "heading": "Burada yardım alabilirsiniz",
        "what": "Ne?",
        "where": "Nerede?",
        "when": "Ne zaman açık?",
        "phone": "Telefon",
        "email": "E-posta",
        "website": "İnternet sitesi",
        "cost": "Ücret",
        "languages": "Diller",
        "accessibility": "Engelsiz erişim",
        "citywide": "tüm Krefeld için",
        "helper": "Mahalle yardımcınız",
        "base": "İrtibat noktası",
        "more": "Daha fazla bilgi: QR kodunu okutun",
    },
    "pl": {
        "heading": "Tutaj otrzymają Państwo pomoc",
        "what": "Co?",
        "where": "Gdzie?",
        "when": "Kiedy otwarte?",
        "phone": "Telefon",
        "email": "E-mail",
        "website": "Strona internetowa",
        "cost": "Koszty",
        "languages": "Języki",
        "accessibility": "Dostępność",
        "citywide": "dla całego Krefeld",
        "helper": "Państwa pomocniczka / pomocnik w dzielnicy",
        "base": "Punkt kontaktowy",
        "more": "Więcej informacji: proszę zeskanować kod QR",
    },
    "ar": {
        "heading": "هنا تحصلون على المساعدة",
        "what": "ماذا؟",
        "where": "أين؟",
        "when": "متى يفتح؟",
        "phone": "الهاتف",
        "email": "البريد الإلكتروني",
        "website": "الموقع الإلكتروني",
        "cost": "التكلفة",
        "languages": "اللغات",
        "accessibility": "سهولة الوصول",
        "citywide": "لكل مدينة كريفلد",
        "helper": "مساعدة الحي / مساعد الحي",
        "base": "نقطة الاتصال",
        "more": "لمزيد من المعلومات: امسحوا رمز QR",
    },
    "ru": {
        "heading": "Здесь вам помогут",
        "what": "Что?",
        "where": "Где?",
        "when": "Часы работы",
        "phone": "Телефон",
        "email": "Электронная почта",
        "website": "Сайт",
        "cost": "Стоимость",
        "languages": "Языки",
        "accessibility": "Доступность",
        "citywide": "для всего Крефельда",
        "helper": "Ваша помощница / ваш помощник в районе",
        "base": "Опорный пункт",
        "more": "Подробнее: отсканируйте QR-код",
    },
    "uk": {
        "heading": "Тут вам допоможуть",
        "what": "Що?",
        "where": "Де?",
        "when": "Години роботи",
        "phone": "Телефон",
        "email": "Електронна пошта",
        "website": "Вебсайт",
        "cost": "Вартість",
        "languages": "Мови",
        "accessibility": "Доступність",
        "citywide": "для всього Крефельда",
        "helper": "Ваша помічниця / ваш помічник у районі",
        "base": "Опорний пункт",
        "more": "Докладніше: відскануйте QR-код",
    },
}

# Service languages on a handout are named in their own language: a resident recognises
# "Türkçe" or "Polski" whatever the handout language is.
NATIVE_LANGUAGE_NAMES = {
    "de": "Deutsch",
    "tr": "Türkçe",
    "pl": "Polski",
    "ar": "العربية",
    "ru": "Русский",
    "uk": "Українська",
    "bg": "Български",
    "ro": "Română",
    "en": "English",
    "el": "Ελληνικά",
    "it": "Italiano",
    "fa": "فارسی",
    "ku": "Kurdî",
}


def language_for(code: str | None) -> HandoutLanguage:
    """The handout language for a requested code; unknown codes mean German only."""
    return HANDOUT_LANGUAGES.get(code or GERMAN, HANDOUT_LANGUAGES[GERMAN])


def label(key: str, code: str) -> str:
    """One label in `code`, or "" when that language has no such label (German shows alone)."""
    if code == GERMAN:
        return LABELS[GERMAN][key]
    return LABELS.get(code, {}).get(key, "")


def bilingual_labels(code: str) -> dict[str, dict[str, str]]:
    """{key: {"de": German, "other": translation or ""}} for the handout template."""
    return {
        key: {"de": german, "other": label(key, code) if code != GERMAN else ""}
        for key, german in LABELS[GERMAN].items()
    }


def native_language_name(service_language: str) -> str:
    return NATIVE_LANGUAGE_NAMES.get(service_language, service_language)
