#include "i18n/catalog.h"

#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

namespace alin::i18n {
namespace {

struct Entry {
    const char* key;
    const char* text;
};

// French catalogue, split by area. Each .inc holds lines { "key", "text" },
const Entry kFrench[] = {
#include "i18n/fr/accounts.inc"
#include "i18n/fr/alerts.inc"
#include "i18n/fr/applications.inc"
#include "i18n/fr/common.inc"
#include "i18n/fr/contact.inc"
#include "i18n/fr/display.inc"
#include "i18n/fr/domain.inc"
#include "i18n/fr/errors.inc"
#include "i18n/fr/help.inc"
#include "i18n/fr/jobs.inc"
#include "i18n/fr/kiosk.inc"
#include "i18n/fr/language.inc"
#include "i18n/fr/mail.inc"
#include "i18n/fr/mydata.inc"
#include "i18n/fr/offers.inc"
#include "i18n/fr/pages.inc"
#include "i18n/fr/request.inc"
#include "i18n/fr/request_service.inc"
#include "i18n/fr/resources.inc"
#include "i18n/fr/screens.inc"
};

// English catalogue: the same files and keys as French (tests/unit/test_catalog_english.cpp).
// A function's static (not an array) so the table may be empty while it is written.
const std::vector<Entry>& englishEntries() {
    static const std::vector<Entry> entries = {
#include "i18n/en/accounts.inc"
#include "i18n/en/alerts.inc"
#include "i18n/en/applications.inc"
#include "i18n/en/common.inc"
#include "i18n/en/contact.inc"
#include "i18n/en/display.inc"
#include "i18n/en/domain.inc"
#include "i18n/en/errors.inc"
#include "i18n/en/help.inc"
#include "i18n/en/jobs.inc"
#include "i18n/en/kiosk.inc"
#include "i18n/en/language.inc"
#include "i18n/en/mail.inc"
#include "i18n/en/mydata.inc"
#include "i18n/en/offers.inc"
#include "i18n/en/pages.inc"
#include "i18n/en/request.inc"
#include "i18n/en/request_service.inc"
#include "i18n/en/resources.inc"
#include "i18n/en/screens.inc"
    };
    return entries;
}

using Table = std::unordered_map<std::string_view, const char*>;

template <class Entries>
Table makeTable(const Entries& entries) {
    Table t;
    t.reserve(std::size(entries));
    for (const Entry& e : entries) t.emplace(e.key, e.text);
    return t;
}

const Table& table(Lang lang) {
    static const Table french = makeTable(kFrench);
    static const Table english = makeTable(englishEntries());
    return lang == Lang::En ? english : french;
}

thread_local Lang tLang = Lang::Fr;

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// "en", "en-GB", "EN_us" -> En; "fr…" -> Fr; anything else: not a language we speak.
bool tagLanguage(std::string_view tag, Lang& out) {
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    if (tag.size() < 2) return false;
    if (tag.size() > 2 && tag[2] != '-' && tag[2] != '_' && tag[2] != ';' && tag[2] != ' ') return false;
    const char a = lower(tag[0]), b = lower(tag[1]);
    if (a == 'e' && b == 'n') {
        out = Lang::En;
        return true;
    }
    if (a == 'f' && b == 'r') {
        out = Lang::Fr;
        return true;
    }
    return false;
}

}  // namespace

void setLanguage(Lang lang) {
    tLang = lang;
}

Lang language() {
    return tLang;
}

const char* languageTag(Lang lang) {
    return lang == Lang::En ? "en" : "fr";
}

Lang parseLanguage(std::string_view text, Lang fallback) {
    // Accept-Language lists ranges by preference; weights other than q=0 are in
    // the order browsers send them, so the first range we speak wins.
    while (!text.empty()) {
        const size_t comma = text.find(',');
        std::string_view range = text.substr(0, comma);
        const size_t q0 = range.find(";q=0");
        const bool refused =
            q0 != std::string_view::npos && range.substr(q0 + 4).find_first_not_of(".0 ") == std::string_view::npos;
        Lang lang;
        if (!refused && tagLanguage(range, lang)) return lang;
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return fallback;
}

const char* trIn(Lang lang, std::string_view key) {
    if (lang != Lang::Fr) {
        const Table& own = table(lang);
        auto it = own.find(key);
        if (it != own.end()) return it->second;
    }
    const Table& t = table(Lang::Fr);
    auto it = t.find(key);
    if (it != t.end()) return it->second;
    // Unknown key: return a stable pointer to the key text itself.
    static thread_local std::string missing;
    missing.assign(key);
    return missing.c_str();
}

const char* tr(std::string_view key) {
    return trIn(tLang, key);
}

std::string trf(std::string_view key, std::initializer_list<std::string_view> args) {
    std::string out;
    std::string_view text = tr(key);
    auto arg = args.begin();
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '}' && arg != args.end()) {
            out.append(*arg++);
            ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::string trn(std::string_view key, long long n, std::initializer_list<std::string_view> args) {
    std::string k(key);
    k += isSingular(tLang, n) ? ".one" : ".other";
    return trf(k, args);
}

bool isSingular(Lang lang, long long n) {
    if (lang == Lang::En) return n == 1 || n == -1;
    return n == 0 || n == 1 || n == -1;
}

void forEachEntry(void (*visit)(const char* key, const char* text, void* ctx), void* ctx) {
    for (const Entry& e : kFrench) visit(e.key, e.text, ctx);
}

}  // namespace alin::i18n

namespace alin::i18n {

void forEachEntryIn(Lang lang, void (*visit)(const char* key, const char* text, void* ctx), void* ctx) {
    if (lang == Lang::En) {
        for (const Entry& e : englishEntries()) visit(e.key, e.text, ctx);
    } else {
        forEachEntry(visit, ctx);
    }
}

}  // namespace alin::i18n
