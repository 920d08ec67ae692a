// Numéro Unique (guide §1, §3): loose validation; registration sites by department.
#include <doctest/doctest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "domain/numero_unique.h"
#include "i18n/catalog.h"

#ifndef ALIN_SOURCE_DIR
#define ALIN_SOURCE_DIR "."
#endif

using namespace alin::domain;

#define NBSP "\xC2\xA0"

namespace {

std::string keyOrEmpty(const std::optional<std::string>& r) {
    return r ? *r : std::string();
}

std::string readAsset(const char* name) {
    std::ifstream in(std::string(ALIN_SOURCE_DIR) + "/assets/data/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("numero unique: normalise and check") {
    struct Case {
        const char* input;
        const char* normalized;
        const char* expected;  // "" valid, else the key
    };
    const Case cases[] = {
        {"1110920621114ACLOG", "1110920621114ACLOG", ""},  // guide §3
        {"1110720020439G1175", "1110720020439G1175", ""},  // guide §4
        {"1110920621114aclog", "1110920621114ACLOG", ""},  // case-insensitive
        {" 111 0920 621114 ACLOG ", "1110920621114ACLOG", ""},
        {"111-0720-020439-G1175", "1110720020439G1175", ""},
        {"111" NBSP "0920621114ACLOG", "1110920621114ACLOG", ""},
        {"111\xE2\x80\x91"
         "0920621114ACLOG",
         "1110920621114ACLOG", ""},  // U+2011 non-breaking hyphen
        {"\t1110920621114ACLOG\n", "1110920621114ACLOG", ""},
        {"999999999999999999", "999999999999999999", ""},  // structure never checked
        {"ABCDEFGHIJKLMNOPQR", "ABCDEFGHIJKLMNOPQR", ""},
        {"11072002043961175", "11072002043961175", "error.nu.invalid"},  // 17: OCR of the guide
        {"1110920621114ACLOGX", "1110920621114ACLOGX", "error.nu.invalid"},
        {"1110920621114ACL0.", "1110920621114ACL0.", "error.nu.invalid"},
        {"1110920621114ACLÉG", "1110920621114ACLÉG", "error.nu.invalid"},
        {"1110920621114ACL_G", "1110920621114ACL_G", "error.nu.invalid"},
        {"\xFF"
         "110920621114ACLOG",
         "\xFF"
         "110920621114ACLOG",
         "error.nu.invalid"},
        {"", "", "error.nu.required"},
        {"  - ", "", "error.nu.required"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        CHECK(normalizeNumeroUnique(c.input) == c.normalized);
        CHECK(keyOrEmpty(checkNumeroUnique(c.input)) == c.expected);
        CHECK(isNormalizedNumeroUnique(c.normalized) == (c.expected[0] == '\0'));
    }
    CHECK_FALSE(checkNumeroUnique(std::string(10000, '1')) == std::nullopt);
    CHECK(std::string(tr("error.nu.invalid")) ==
          "Le Numéro Unique comporte 18 caractères (chiffres et lettres), par exemple 1110920621114ACLOG.");
    CHECK(std::string(tr("error.nu.required")) != "error.nu.required");
}

TEST_CASE("numero unique: department codes") {
    struct Case {
        const char* input;
        const char* expected;  // "" = not a department
    };
    const Case cases[] = {
        {"29", "29"},   {"1", "01"},    {"01", "01"}, {" 75 ", "75"}, {"2a", "2A"}, {"2B", "2B"}, {"95", "95"},
        {"971", "971"}, {"976", "976"}, {"0", ""},    {"00", ""},     {"20", ""},   {"96", ""},   {"99", ""},
        {"977", ""},    {"970", ""},    {"2C", ""},   {"", ""},       {"abc", ""},  {"292", ""},  {"1000", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        const std::optional<std::string> code = normalizeDepartmentCode(c.input);
        CHECK(code.value_or("") == c.expected);
    }
}

TEST_CASE("registration sites: the data file") {
    const std::string text = readAsset("registration_sites.json");
    REQUIRE_FALSE(text.empty());
    const std::optional<RegistrationSites> sites = parseRegistrationSites(text);
    REQUIRE(sites);
    CHECK(sites->nationalUrl == "https://www.demande-logement-social.gouv.fr");
    struct Case {
        const char* department;
        const char* url;
    };
    const Case cases[] = {
        {"29", "https://www.demandelogement29.fr/imhowebGP29/"},  // the guide's example
        {"75", "https://www.demande-logement-social.gouv.fr"},    // Paris: the national portal
        {"3", "https://mademande03.dlauvergne.fr"},
        {"14", "https://www.demandelogement14.fr"},
        {"21", "https://www.demandelogementbourgognefranchecomte.fr"},
        {"90", "https://www.demandelogementbourgognefranchecomte.fr"},
        {"67", "https://www.demandedelogement-alsace.fr"},
        {"68", "https://www.demandedelogement-alsace.fr"},
        {"88", "https://vosges.demandelogement88.fr"},
        {"2A", "https://www.demande-logement-social.gouv.fr"},
        {"971", "https://www.demande-logement-social.gouv.fr"},
        {"zz", "https://www.demande-logement-social.gouv.fr"},  // unknown: the national portal
    };
    for (const Case& c : cases) {
        CAPTURE(c.department);
        CHECK(registrationSiteUrl(*sites, c.department) == c.url);
    }
    CHECK(departmentalSite(*sites, "29") != nullptr);
    CHECK(departmentalSite(*sites, "75") == nullptr);
    // docs/domain-rules.md lists 33 departments with their own site.
    std::size_t departments = 0;
    for (const RegistrationSite& s : sites->sites) departments += s.departments.size();
    CHECK(departments == 33);
}

TEST_CASE("registration sites: malformed files") {
    CHECK_FALSE(parseRegistrationSites(""));
    CHECK_FALSE(parseRegistrationSites("[]"));
    CHECK_FALSE(parseRegistrationSites(R"({"sites": []})"));
    CHECK_FALSE(parseRegistrationSites(R"({"national": {"url": ""}, "sites": []})"));
    const auto sites = parseRegistrationSites(
        R"({"national": {"url": "https://n"}, "sites": [3, {"url": "https://a", "departments": ["1", "xx", 5]},
            {"url": "", "departments": ["02"]}, {"url": "https://b"}]})");
    REQUIRE(sites);
    REQUIRE(sites->sites.size() == 1);
    CHECK(sites->sites[0].departments == std::vector<std::string>{"01"});
    CHECK(registrationSiteUrl(*sites, "01") == "https://a");
    CHECK(registrationSiteUrl(*sites, "02") == "https://n");
}
