#include "i18n/catalog.h"

#include <iterator>
#include <nlohmann/json.hpp>
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
// The browser client is built without it (ALIN_I18N_ENGLISH_FILE): it reads the same
// texts from alin-en.json (catalogueJson(), written by the wasm build) when English
// is chosen, so the first load carries French only.
const std::vector<Entry>& englishEntries() {
#ifdef ALIN_I18N_ENGLISH_FILE
    static const std::vector<Entry> entries;
#else
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
#endif
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

// English: the built-in entries, or the texts read by loadLanguage() (their
// strings live in `loaded`, which the table points into).
struct English {
    Table table = makeTable(englishEntries());
    nlohmann::json loaded;
    bool available = !englishEntries().empty();
};

English& english() {
    static English e;
    return e;
}

const Table& table(Lang lang) {
    static const Table french = makeTable(kFrench);
    return lang == Lang::En ? english().table : french;
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
    if (lang == Lang::Fr) return forEachEntry(visit, ctx);
    if (!englishEntries().empty()) {
        for (const Entry& e : englishEntries()) visit(e.key, e.text, ctx);
    } else {
        for (const auto& [key, text] : english().loaded.items())
            visit(key.c_str(), text.get_ref<const std::string&>().c_str(), ctx);
    }
}

bool languageLoaded(Lang lang) {
    return lang == Lang::Fr || english().available;
}

bool loadLanguage(Lang lang, std::string_view json) {
    if (lang == Lang::Fr) return true;
    nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object() || parsed.empty()) return false;
    for (const auto& item : parsed.items())
        if (!item.value().is_string()) return false;
    English& e = english();
    e.loaded = std::move(parsed);
    e.table.clear();
    e.table.reserve(e.loaded.size());
    for (const auto& [key, text] : e.loaded.items()) e.table.emplace(key, text.get_ref<const std::string&>().c_str());
    e.available = true;
    return true;
}

std::string catalogueJson(Lang lang) {
    nlohmann::json out = nlohmann::json::object();
    forEachEntryIn(
        lang, [](const char* key, const char* text, void* ctx) { (*static_cast<nlohmann::json*>(ctx))[key] = text; },
        &out);
    return out.dump();
}

void forgetLanguage(Lang lang) {
    if (lang == Lang::Fr) return;
    English& e = english();
    e.table.clear();
    e.loaded = nlohmann::json();
    e.available = false;
}

}  // namespace alin::i18n
