// The English catalogue (src/i18n/en/*.inc) against the French one: the same
// keys in the same order, the same placeholders, English typography, complete
// plural pairs, and tr() answering in the thread's language.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "domain/utf8.h"
#include "i18n/catalog.h"

using alin::i18n::Lang;
using alin::i18n::LanguageScope;

namespace {

struct Entry {
    std::string key, text;
};

std::vector<Entry> entriesIn(Lang lang) {
    std::vector<Entry> out;
    alin::i18n::forEachEntryIn(
        lang,
        [](const char* key, const char* text, void* ctx) {
            static_cast<std::vector<Entry>*>(ctx)->push_back({key, text});
        },
        &out);
    return out;
}

std::map<std::string, std::string> byKey(const std::vector<Entry>& entries) {
    std::map<std::string, std::string> out;
    for (const Entry& e : entries) out.emplace(e.key, e.text);
    return out;
}

// The .inc file of each French key ("help.inc"), read from the source tree, so a
// failure says which English file lacks what.
std::map<std::string, std::string> frenchFileOfKeys() {
    namespace fs = std::filesystem;
    std::map<std::string, std::string> out;
    static const std::regex entry("^\\{ \"([^\"]+)\",");
    for (const auto& f : fs::directory_iterator(fs::path(ALIN_SOURCE_DIR) / "src/i18n/fr")) {
        std::ifstream in(f.path());
        std::string line;
        std::smatch m;
        while (std::getline(in, line))
            if (std::regex_search(line, m, entry)) out.emplace(m.str(1), f.path().filename().string());
    }
    return out;
}

// "file.inc (n): key, key, ..." for each file holding one of keys.
std::string listByFile(const std::vector<std::string>& keys, const std::map<std::string, std::string>& fileOf) {
    std::map<std::string, std::vector<std::string>> grouped;
    for (const std::string& k : keys) {
        const auto it = fileOf.find(k);
        grouped[it == fileOf.end() ? std::string("?") : it->second].push_back(k);
    }
    std::string out;
    for (const auto& [file, ks] : grouped) {
        out += "\n  " + file + " (" + std::to_string(ks.size()) + "):";
        for (const std::string& k : ks) out += " " + k;
    }
    return out;
}

std::size_t placeholders(const std::string& text) {
    std::size_t n = 0;
    for (std::size_t i = text.find("{}"); i != std::string::npos; i = text.find("{}", i + 2)) ++n;
    return n;
}

std::u32string decode(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto d = alin::domain::utf8::decodeAt(s, i);
        out.push_back(d.cp);
        i += d.length;
    }
    return out;
}

constexpr char32_t kNbsp = 0x00A0, kNarrow = 0x202F, kOpenQuote = 0x00AB, kCloseQuote = 0x00BB;

// The problems of one English text: empty, French spacing or quotes, "(s)".
std::vector<std::string> englishProblems(const std::string& text) {
    std::vector<std::string> problems;
    const std::u32string t = decode(text);
    if (std::all_of(t.begin(), t.end(), [](char32_t c) { return c == ' ' || c == '\n' || c == kNbsp; }))
        problems.push_back("empty");
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char32_t c = t[i], prev = i ? t[i - 1] : 0;
        if (c == kNarrow) problems.push_back("U+202F (French spacing)");
        if (c == kOpenQuote || c == kCloseQuote) problems.push_back("French quotes << >> (use \u201C \u201D)");
        if ((c == ':' || c == ';' || c == '!' || c == '?') && (prev == ' ' || prev == kNbsp || prev == kNarrow))
            problems.push_back(std::string("a space before '") + static_cast<char>(c) + "'");
    }
    static const std::regex pseudoPlural("\\((s|es)\\)");
    if (std::regex_search(text, pseudoPlural)) problems.push_back("\"(s)\": write .one/.other forms");
    return problems;
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

TEST_CASE("catalogue english: every French key has an English entry and every English key a French one") {
    const std::vector<Entry> french = entriesIn(Lang::Fr), english = entriesIn(Lang::En);
    const auto fr = byKey(french), en = byKey(english);
    const auto fileOf = frenchFileOfKeys();
    REQUIRE(french.size() > 500);
    CHECK(fileOf.size() == fr.size());  // the source scan sees the compiled catalogue

    std::vector<std::string> missing, extra, duplicated;
    for (const Entry& e : french)
        if (!en.count(e.key)) missing.push_back(e.key);
    std::set<std::string> seen;
    for (const Entry& e : english) {
        if (!fr.count(e.key)) extra.push_back(e.key);
        if (!seen.insert(e.key).second) duplicated.push_back(e.key);
    }
    CHECK_MESSAGE(missing.empty(), missing.size() << " French key(s) without English:" << listByFile(missing, fileOf));
    std::string extraList;
    for (const std::string& k : extra) extraList += " " + k;
    CHECK_MESSAGE(extra.empty(), extra.size() << " English key(s) unknown in French:" << extraList);
    std::string duplicatedList;
    for (const std::string& k : duplicated) duplicatedList += " " + k;
    CHECK_MESSAGE(duplicated.empty(), "English key(s) written twice:" << duplicatedList);
}

TEST_CASE("catalogue english: the English entries follow the French order") {
    // Both tables include the same files in the same order, so the English keys
    // are the French ones in sequence (a subsequence while files are missing).
    const std::vector<Entry> french = entriesIn(Lang::Fr), english = entriesIn(Lang::En);
    std::size_t at = 0;
    for (const Entry& e : english) {
        const auto it = std::find_if(french.begin() + static_cast<std::ptrdiff_t>(at), french.end(),
                                     [&](const Entry& f) { return f.key == e.key; });
        if (it == french.end()) {
            const bool known = std::any_of(french.begin(), french.end(), [&](const Entry& f) { return f.key == e.key; });
            if (known) FAIL_CHECK(e.key << ": out of the French order");
            continue;  // unknown keys are reported by the parity test
        }
        at = static_cast<std::size_t>(it - french.begin()) + 1;
    }
}

TEST_CASE("catalogue english: each entry keeps the French placeholders") {
    const auto fr = byKey(entriesIn(Lang::Fr));
    int checked = 0;
    for (const Entry& e : entriesIn(Lang::En)) {
        const auto it = fr.find(e.key);
        if (it == fr.end()) continue;
        ++checked;
        CHECK_MESSAGE(placeholders(e.text) == placeholders(it->second),
                      e.key << ": " << placeholders(e.text) << " {} in English, " << placeholders(it->second)
                            << " in French");
    }
    CHECK(checked > 0);
}

TEST_CASE("catalogue english: English typography (no French spacing or quotes) and no empty entry") {
    const std::vector<Entry> english = entriesIn(Lang::En);
    REQUIRE_FALSE(english.empty());
    int failures = 0;
    for (const Entry& e : english) {
        for (const std::string& p : englishProblems(e.text)) {
            ++failures;
            FAIL_CHECK(e.key << ": " << p << ": " << e.text);
        }
    }
    CHECK(failures == 0);
}

TEST_CASE("catalogue english: the typography checks can fail") {
    CHECK_FALSE(englishProblems("").empty());
    CHECK_FALSE(englishProblems(" \u00A0").empty());
    CHECK_FALSE(englishProblems("Forgot your password\u202F?").empty());
    CHECK_FALSE(englishProblems("Forgot your password ?").empty());
    CHECK_FALSE(englishProblems("Name\u00A0: PORTE").empty());
    CHECK_FALSE(englishProblems("Name : PORTE").empty());
    CHECK_FALSE(englishProblems("first ; then").empty());
    CHECK_FALSE(englishProblems("Done !").empty());
    CHECK_FALSE(englishProblems("click \u00AB\u202FClick here\u202F\u00BB").empty());
    CHECK_FALSE(englishProblems("click \u00ABClick here\u00BB").empty());
    CHECK_FALSE(englishProblems("{} application(s)").empty());
    CHECK(englishProblems("Forgot your password? Name: PORTE; click \u201CClick here\u201D! 24\u00A0h").empty());
    CHECK(englishProblems(" (current)").empty());
    CHECK(englishProblems("https://example.com").empty());
}

TEST_CASE("catalogue english: plural forms come in .one/.other pairs") {
    std::set<std::string> keys;
    for (const Entry& e : entriesIn(Lang::En)) keys.insert(e.key);
    REQUIRE_FALSE(keys.empty());
    int pairs = 0;
    for (const std::string& k : keys) {
        if (endsWith(k, ".one")) {
            const std::string stem = k.substr(0, k.size() - 4);
            CHECK_MESSAGE((keys.count(stem + ".other") || keys.count(stem + ".many")), k << " without .other");
            pairs += keys.count(stem + ".other") ? 1 : 0;
        }
        if (endsWith(k, ".other")) CHECK_MESSAGE(keys.count(k.substr(0, k.size() - 6) + ".one"), k << " without .one");
        if (endsWith(k, ".many")) CHECK_MESSAGE(keys.count(k.substr(0, k.size() - 5) + ".one"), k << " without .one");
    }
    CHECK(pairs > 0);
}

TEST_CASE("catalogue english: the plural checks can fail") {
    // The same rule as above over a made-up key set with a lone .one and a lone .other.
    const std::set<std::string> keys = {"a.one", "a.other", "b.one", "c.other"};
    std::vector<std::string> lone;
    for (const std::string& k : keys) {
        if (endsWith(k, ".one") && !keys.count(k.substr(0, k.size() - 4) + ".other")) lone.push_back(k);
        if (endsWith(k, ".other") && !keys.count(k.substr(0, k.size() - 6) + ".one")) lone.push_back(k);
    }
    CHECK(lone == std::vector<std::string>{"b.one", "c.other"});
}

TEST_CASE("catalogue english: tr() answers in English under LanguageScope(Lang::En); French stays the default") {
    REQUIRE(alin::i18n::language() == Lang::Fr);
    const auto fr = byKey(entriesIn(Lang::Fr));
    const std::vector<Entry> english = entriesIn(Lang::En);
    REQUIRE_FALSE(english.empty());
    {
        LanguageScope scope(Lang::En);
        for (const Entry& e : english) {
            CHECK_MESSAGE(std::string(tr(e.key)) == e.text, e.key);
            CHECK_MESSAGE(std::string(alin::i18n::trIn(Lang::En, e.key)) == e.text, e.key);
        }
    }
    REQUIRE(alin::i18n::language() == Lang::Fr);
    for (const Entry& e : english) {
        const auto it = fr.find(e.key);
        if (it != fr.end()) CHECK_MESSAGE(std::string(tr(e.key)) == it->second, e.key);
    }

    // A few entries by name: wording, placeholders and the plural rule of each language.
    CHECK(std::string(tr("nav.login")) == "Se connecter");
    CHECK(trf("format.date_time", {"02/12/2026", "14:05"}) == "02/12/2026 \u00E0 14:05");
    CHECK(trn("staff.done.send", 0, {"0"}) == "0 dossier transmis au bailleur.");
    {
        LanguageScope scope(Lang::En);
        CHECK(std::string(tr("nav.login")) == "Sign in");
        CHECK(std::string(tr("kiosk.end")) == "End my session");
        CHECK(trf("format.date_time", {"02/12/2026", "14:05"}) == "02/12/2026 at 14:05");
        CHECK(trf("format.euros", {"12"}) == "\u20AC12");
        CHECK(trn("staff.done.send", 0, {"0"}) == "0 files sent to the landlord.");
        CHECK(trn("staff.done.send", 1, {"1"}) == "1 file sent to the landlord.");
        CHECK(trn("mail.link.expires_hours", 24, {"24"}) == "This link expires in 24\u00A0hours.");
        {
            LanguageScope french(Lang::Fr);
            CHECK(std::string(tr("nav.login")) == "Se connecter");
        }
        CHECK(std::string(tr("nav.login")) == "Sign in");
    }
    CHECK(std::string(tr("nav.login")) == "Se connecter");
}
