// The catalogue's French typography and wording (issue 11 items 4, 9, 10) and
// catalogue discipline (issue 12 item 6): every rule is checked over every entry,
// and the source tree outside src/i18n holds no non-ASCII string literal.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "domain/utf8.h"
#include "i18n/catalog.h"

namespace {

struct Entry {
    std::string key, text;
};

std::vector<Entry> catalogue() {
    std::vector<Entry> out;
    alin::i18n::forEachEntry(
        [](const char* key, const char* text, void* ctx) {
            static_cast<std::vector<Entry>*>(ctx)->push_back({key, text});
        },
        &out);
    return out;
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

std::string encode(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) alin::domain::utf8::append(out, c);
    return out;
}

constexpr char32_t kNbsp = 0x00A0, kNarrow = 0x202F;

bool isLetter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// The problems of one text, each "rule: context".
std::vector<std::string> typographyProblems(const std::string& text) {
    std::vector<std::string> problems;
    const std::u32string t = decode(text);
    auto context = [&](std::size_t i) {
        const std::size_t from = i >= 12 ? i - 12 : 0;
        return encode(t.substr(from, 20));
    };
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char32_t c = t[i], prev = i ? t[i - 1] : 0, next = i + 1 < t.size() ? t[i + 1] : 0;
        if ((c == ';' || c == '?' || c == '!') && prev != kNarrow && prev != '?' && prev != '!')
            problems.push_back("U+202F before ; ? ! : " + context(i));
        if (c == ':' && (prev == ' ' || prev == kNarrow || (isLetter(prev) && (next == ' ' || next == '\n' || !next))))
            problems.push_back("U+00A0 before : : " + context(i));
        if (c == U'«' && next != kNarrow) problems.push_back("U+202F after « : " + context(i));
        if (c == U'»' && prev != kNarrow) problems.push_back("U+202F before » : " + context(i));
    }
    static const std::regex numero("n° ");
    static const std::regex unit(
        "([0-9]|\\{\\}) (h|min|€|%|m²|km|minutes?|heures?|jours?|secondes?|mois|ans?|caractères|personnes?|pièces?)"
        "([ .,;:!?)]|$)");
    static const std::regex plural("\\((s|es|x)\\)");
    static const std::regex mail("(^|[^-A-Za-z])([Ee]mail|[Mm]ail|[Cc]ourriel|[Mm]él)([^A-Za-z]|$)");
    if (std::regex_search(text, numero)) problems.push_back("U+00A0 after n°");
    std::smatch m;
    if (std::regex_search(text, m, unit)) problems.push_back("U+00A0 between a number and its unit: " + m.str());
    if (std::regex_search(text, m, plural)) problems.push_back("a real plural form, not " + m.str());
    if (std::regex_search(text, m, mail)) problems.push_back("one word, \"e-mail\", not " + m.str(2));
    return problems;
}

}  // namespace

TEST_CASE("catalogue: French typography and one word for e-mail, in every entry") {
    const std::vector<Entry> entries = catalogue();
    REQUIRE(entries.size() > 500);
    int failures = 0;
    for (const Entry& e : entries) {
        for (const std::string& p : typographyProblems(e.text)) {
            ++failures;
            FAIL_CHECK(e.key << ": " << p);
        }
    }
    CHECK(failures == 0);
}

TEST_CASE("catalogue: the typography checks can fail") {
    CHECK_FALSE(typographyProblems("Mot de passe oublié ?").empty());
    CHECK_FALSE(typographyProblems("Nom : PORTE").empty());
    CHECK_FALSE(typographyProblems("Nom: PORTE").empty());
    CHECK_FALSE(typographyProblems("cliquez sur « Cliquez ici »").empty());
    CHECK_FALSE(typographyProblems("Choix n° 2").empty());
    CHECK_FALSE(typographyProblems("dans un délai de 24 h.").empty());
    CHECK_FALSE(typographyProblems("{} candidature(s)").empty());
    CHECK_FALSE(typographyProblems("votre adresse email").empty());
    CHECK_FALSE(typographyProblems("Boîte mail").empty());
    CHECK(typographyProblems("Mot de passe oublié\u202F?").empty());
    CHECK(typographyProblems("Nom\u00A0: PORTE, cliquez sur «\u202FCliquez ici\u202F», 24\u00A0h, n°\u00A02").empty());
    CHECK(typographyProblems("votre adresse e-mail, E-mail, https://example.fr").empty());
}

TEST_CASE("catalogue: plural forms come in pairs and trn() picks the French one") {
    std::vector<std::string> keys;
    for (const Entry& e : catalogue()) keys.push_back(e.key);
    auto has = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
    for (const std::string& k : keys) {
        if (k.size() > 4 && k.compare(k.size() - 4, 4, ".one") == 0) {
            const std::string stem = k.substr(0, k.size() - 4);
            CHECK_MESSAGE((has(stem + ".other") || has(stem + ".many")), k);
        }
        if (k.size() > 6 && k.compare(k.size() - 6, 6, ".other") == 0)
            CHECK_MESSAGE(has(k.substr(0, k.size() - 6) + ".one"), k);
    }
    CHECK(trn("ui.offers.count", 0, {"0"}) == "0 offre pour laquelle vous êtes éligible");
    CHECK(trn("ui.offers.count", 1, {"1"}) == "1 offre pour laquelle vous êtes éligible");
    CHECK(trn("ui.offers.count", 2, {"2"}) == "2 offres pour lesquelles vous êtes éligible");
    CHECK(trn("employer.value.persons", 1, {"1"}) == "1\u00A0personne");
    CHECK(trn("employer.value.persons", 3, {"3"}) == "3\u00A0personnes");
}

// ---------------------------------------------------------------- catalogue discipline

namespace {

// Non-ASCII string or character literals of a C++ source (comments skipped):
// "line: literal" for each.
std::vector<std::string> nonAsciiLiterals(const std::string& s) {
    std::vector<std::string> out;
    const std::size_t n = s.size();
    int line = 1;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[i];
        if (c == '\n') ++line;
        if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            while (i < n && s[i] != '\n') ++i;
            ++line;
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            const std::size_t end = s.find("*/", i + 2);
            const std::size_t stop = end == std::string::npos ? n : end + 2;
            for (std::size_t k = i; k < stop; ++k) line += s[k] == '\n';
            i = stop - 1;
            continue;
        }
        if (c == 'R' && i + 1 < n && s[i + 1] == '"' &&
            (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1])))) {
            const std::size_t open = s.find('(', i + 2);
            if (open == std::string::npos) break;
            const std::string close = ")" + s.substr(i + 2, open - i - 2) + "\"";
            const std::size_t end = s.find(close, open);
            const std::size_t stop = end == std::string::npos ? n : end + close.size();
            const std::string lit = s.substr(i, stop - i);
            for (unsigned char b : lit)
                if (b >= 0x80) {
                    out.push_back(std::to_string(line) + ": " + lit.substr(0, 60));
                    break;
                }
            for (char k : lit) line += k == '\n';
            i = stop - 1;
            continue;
        }
        const bool quote = c == '"' || (c == '\'' && (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]))));
        if (!quote) continue;
        std::size_t j = i + 1;
        while (j < n && s[j] != c && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
        const std::string lit = s.substr(i, j + 1 - i);
        for (unsigned char b : lit)
            if (b >= 0x80) {
                out.push_back(std::to_string(line) + ": " + lit.substr(0, 60));
                break;
            }
        i = j;
    }
    return out;
}

}  // namespace

TEST_CASE("catalogue discipline: no non-ASCII string literal outside src/i18n") {
    namespace fs = std::filesystem;
    const fs::path root(ALIN_SOURCE_DIR);
    // Generated demo people, streets and employers are data, not wording: they
    // stand in for the registration sites' records (src/demo_data).
    const std::vector<std::string> dataFolders = {"src/demo_data"};
    int scanned = 0, found = 0;
    for (const char* top : {"src", "server-stub"}) {
        for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
            if (!entry.is_regular_file()) continue;
            const std::string ext = entry.path().extension().string();
            if (ext != ".cpp" && ext != ".h") continue;
            const std::string rel = fs::relative(entry.path(), root).generic_string();
            if (rel.starts_with("src/i18n/")) continue;
            bool data = false;
            for (const std::string& d : dataFolders) data = data || rel.starts_with(d + "/");
            if (data) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream ss;
            ss << in.rdbuf();
            ++scanned;
            for (const std::string& hit : nonAsciiLiterals(ss.str())) {
                ++found;
                FAIL_CHECK(rel << ":" << hit);
            }
        }
    }
    CHECK(scanned > 50);
    CHECK(found == 0);
}

TEST_CASE("catalogue discipline: the literal scan can fail") {
    CHECK(nonAsciiLiterals("auto s = \"Étape \";").size() == 1);
    CHECK(nonAsciiLiterals("auto s = u8\"é\";").size() == 1);
    CHECK(nonAsciiLiterals("auto s = R\"(déjà)\";").size() == 1);
    CHECK(nonAsciiLiterals("// Étape n\nauto s = \"Etape\"; /* é */").empty());
    CHECK(nonAsciiLiterals("auto s = \"a\\\"b\"; char c = 'x';").empty());
}
