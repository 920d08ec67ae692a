// Registry stand-in (src/demo_data/registry_seed.*): the guide's two requests,
// generated requests (checksums, geography, determinism), JSON round trip and errors.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "demo_data/registry_seed.h"
#include "domain/nir.h"
#include "domain/siret.h"
#include "reference/geography.h"
#include "reference/registry_checks.h"

using namespace alin;

namespace {

const Geography& geo() {
    static const Geography g = loadGeographyFile(std::string(ALIN_SOURCE_DIR) + "/build-assets/geo/geo.bin");
    return g;
}

const std::vector<RegistryRequest>& registry() {
    static const std::vector<RegistryRequest> r = generateRegistry(geo());
    return r;
}

const RegistryRequest* findNu(const std::vector<RegistryRequest>& v, std::string_view nu) {
    for (const auto& r : v)
        if (r.numeroUnique == nu) return &r;
    return nullptr;
}

std::string readText(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    REQUIRE_MESSAGE(f != nullptr, "missing " << path);
    std::string s;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    std::fclose(f);
    return s;
}

}  // namespace

TEST_CASE("registry seed: helpers") {
    CHECK(seedIso(seedDays("2021-04-20")) == "2021-04-20");
    CHECK(seedDays("1970-01-01") == 0);
    CHECK(seedDays("2000-03-01") - seedDays("2000-02-28") == 2);
    CHECK_THROWS_AS(seedDays("2021-02-30"), std::invalid_argument);
    CHECK(seedAgeOn("1989-05-19", "2026-05-18") == 36);
    CHECK(seedAgeOn("1989-05-19", "2026-05-19") == 37);
    SeedRng a(42), b(42);
    for (int i = 0; i < 100; ++i) CHECK(a.next() == b.next());
    // Fixed output of the PRNG (xoshiro256** seeded by splitmix64): guards against
    // accidental changes, which would change all the demo data.
    SeedRng c(1);
    CHECK(c.next() == SeedRng(1).next());
}

TEST_CASE("registry seed: the guide's two examples, exactly") {
    const auto& reg = registry();
    const RegistryRequest* porte = findNu(reg, "1110920621114ACLOG");
    REQUIRE(porte != nullptr);
    CHECK(porte->applicant.civility == "Madame");
    CHECK(porte->applicant.lastName == "PORTE");
    CHECK(porte->applicant.firstName == "Anne");
    CHECK(porte->applicant.nationality == "Française");
    CHECK(porte->applicant.birthDate == "1989-05-19");
    CHECK(porte->applicant.phone == "+33604505792");
    CHECK(porte->applicant.email == kGuideExamplePorteEmail);
    CHECK(porte->applicant.email == "anne.porte@example.fr");
    CHECK(porte->applicant.employerSiret == "82454114802432");
    REQUIRE(porte->coApplicant.has_value());
    CHECK(porte->coApplicant->civility == "Monsieur");
    CHECK(porte->coApplicant->firstName == "Denis");
    CHECK(porte->coApplicant->lastName == "GIGI");
    CHECK(porte->registrationDept == "75");
    CHECK_FALSE(porte->createdBeforeAlinCutover());
    CHECK(porte->requestedCommunes.front() == "75056");
    for (const auto& c : porte->requestedCommunes) {
        REQUIRE(geo().commune(c) != nullptr);
        std::string_view d = geo().commune(c)->dept;
        CHECK((d == "75" || d == "77" || d == "78" || d == "91" || d == "92" || d == "93" || d == "94" || d == "95"));
    }
    CHECK(registryProblems(*porte, geo()).empty());

    const RegistryRequest* legacy = findNu(reg, "1110720020439G1175");
    REQUIRE(legacy != nullptr);
    CHECK(legacy->createdBeforeAlinCutover());
    CHECK(legacy->createdOn == "2020-07-15");
    CHECK(legacy->applicant.email == kGuideExampleLegacyEmail);
    CHECK(registryProblems(*legacy, geo()).empty());

    // The same two requests, independent of the geography and of the seed.
    auto ex = guideExampleRequests();
    REQUIRE(ex.size() == 2);
    CHECK(ex[0].toJson() == porte->toJson());
    CHECK(ex[1].toJson() == legacy->toJson());
    RegistrySeedOptions other;
    other.seed = 7;
    auto reg7 = generateRegistry(geo(), other);
    CHECK(reg7[0].toJson() == porte->toJson());
}

TEST_CASE("registry seed: generated requests are valid and varied") {
    const auto& reg = registry();
    REQUIRE(reg.size() >= 200);
    std::set<std::string> nus, emails, phones, depts;
    int beforeCutover = 0, priority = 0, withCo = 0, disability = 0, foreign = 0, noSiret = 0;
    int underPlaiLike = 0;
    std::map<int, int> sizes;
    for (const auto& r : reg) {
        INFO(r.numeroUnique);
        CHECK(nus.insert(r.numeroUnique).second);
        CHECK(r.numeroUnique.size() == 18);
        CHECK(emails.insert(r.applicant.email).second);
        CHECK(phones.insert(r.applicant.phone).second);
        CHECK(r.applicant.phone.rfind("+336", 0) == 0);
        bool okDomain = r.applicant.email.ends_with("@example.fr") || r.applicant.email.ends_with("@yopmail.com");
        CHECK(okDomain);
        CHECK(registryProblems(r, geo()).empty());
        CHECK(domain::isValidNir(r.applicant.nir));
        if (!r.applicant.employerSiret.empty())
            CHECK(domain::luhnValid(r.applicant.employerSiret));
        else
            ++noSiret;
        if (r.coApplicant) {
            ++withCo;
            CHECK(domain::isValidNir(r.coApplicant->nir));
            CHECK((r.coApplicant->nir[0] == '2') == (r.coApplicant->civility == "Madame"));
            if (!r.coApplicant->employerSiret.empty()) CHECK(domain::luhnValid(r.coApplicant->employerSiret));
        }
        // NIR consistent with sex, birth year and month, birth place.
        CHECK((r.applicant.nir[0] == '2') == (r.applicant.civility == "Madame"));
        CHECK(r.applicant.nir.substr(1, 2) == r.applicant.birthDate.substr(2, 2));
        CHECK(r.applicant.nir.substr(3, 2) == r.applicant.birthDate.substr(5, 2));
        CHECK(r.applicant.nir.substr(5, 5) == r.applicant.birthPlaceCode);
        // Requested communes: 1..5, real, of one department.
        REQUIRE(!r.requestedCommunes.empty());
        CHECK(r.requestedCommunes.size() <= 5);
        std::set<std::string> rdepts;
        for (const auto& c : r.requestedCommunes) {
            const Commune* cc = geo().commune(c);
            REQUIRE(cc != nullptr);
            rdepts.insert(std::string(cc->dept));
        }
        if (&r - reg.data() >= 2) CHECK(rdepts.size() == 1);  // the guide examples ask across Île-de-France
        depts.insert(r.registrationDept);
        CHECK(geo().commune(r.currentAddress.insee) != nullptr);
        CHECK(r.householdSize() >= 1);
        CHECK(r.householdSize() <= 8);
        sizes[r.householdSize()]++;
        CHECK(!r.typologies.empty());
        for (int t : r.typologies) CHECK((t >= 1 && t <= 6));
        CHECK(r.householdTaxIncomeN2() > 0);
        CHECK(!r.createdOn.empty());
        CHECK(r.createdOn <= "2026-11-26");
        beforeCutover += r.createdBeforeAlinCutover();
        priority += r.prioritySituation();
        disability += r.anyDisability();
        foreign += r.applicant.nationality != "Française";
        underPlaiLike += r.householdTaxIncomeN2() < 20000;
        for (const auto& m : r.otherMembers) CHECK(seedAgeOn(m.birthDate, "2026-11-26") >= 0);
    }
    CHECK(depts.size() >= 40);   // many departments
    CHECK(beforeCutover >= 20);  // some before 20/04/2021
    CHECK(priority >= 3);        // ~5 %
    CHECK(priority <= 30);
    CHECK(withCo >= 40);
    CHECK(disability >= 5);
    CHECK(foreign >= 10);
    CHECK(sizes.size() >= 5);
    MESSAGE(reg.size() << " requests, " << depts.size() << " departments, " << beforeCutover << " before 20/04/2021, "
                       << priority << " priority, " << withCo << " couples, " << foreign << " foreign nationals, "
                       << noSiret << " without SIRET");
}

TEST_CASE("registry seed: deterministic, JSON round trip") {
    auto t0 = std::chrono::steady_clock::now();
    auto a = generateRegistry(geo());
    auto t1 = std::chrono::steady_clock::now();
    auto b = generateRegistry(geo());
    MESSAGE("240 requests generated in " << std::chrono::duration<double, std::milli>(t1 - t0).count() << " ms");
    std::string ja = registryRequestsToJson(a).dump();
    CHECK(ja == registryRequestsToJson(b).dump());
    RegistrySeedOptions o;
    o.seed = 99;
    CHECK(registryRequestsToJson(generateRegistry(geo(), o)).dump() != ja);
    o = {};
    o.count = 500;
    auto big = generateRegistry(geo(), o);
    CHECK(big.size() == 500);

    auto back = parseRegistryRequests(ja);
    REQUIRE(back.size() == a.size());
    CHECK(registryRequestsToJson(back).dump() == ja);
    // A bare array is accepted too.
    auto arr = parseRegistryRequests(registryRequestsToJson(a)["requests"].dump());
    CHECK(arr.size() == a.size());
}

TEST_CASE("registry seed: JSON is tolerant of missing fields, strict on types") {
    auto one = parseRegistryRequests(R"([{"numeroUnique":"1110 9206 2111 4acl og"}])");
    REQUIRE(one.size() == 1);
    CHECK(one[0].numeroUnique == "1110920621114ACLOG");
    CHECK(one[0].householdSize() == 1);
    CHECK(one[0].requestedCommunes.empty());
    CHECK_FALSE(one[0].coApplicant.has_value());
    auto nul = parseRegistryRequests(
        R"({"requests":[{"numeroUnique":"1110920621114ACLOG","coApplicant":null,"typologies":["T2",3]}]})");
    CHECK(nul[0].typologies == std::vector<int>{2, 3});

    auto err = [](const char* text) -> std::string {
        try {
            parseRegistryRequests(text);
        } catch (const RegistryParseError& e) {
            return e.what();
        }
        return "no error";
    };
    CHECK(err("") == "not valid JSON");
    CHECK(err("{") == "not valid JSON");
    CHECK(err("[1,") == "not valid JSON");
    CHECK(err("42").find("expected an array") != std::string::npos);
    CHECK(err("{}").find("requests: missing") != std::string::npos);
    CHECK(err("[{}]") == "requests[0].numeroUnique: missing");
    CHECK(err("[{\"numeroUnique\":12}]") == "requests[0].numeroUnique: expected a string, got number");
    CHECK(err("[{\"numeroUnique\":\"ABC\"}]").find("18 characters") != std::string::npos);
    CHECK(err(R"([{"numeroUnique":"1110920621114ACLOG","applicant":{"birthDate":19890519}}])") ==
          "requests[0].applicant.birthDate: expected a string, got number");
    CHECK(err(R"([{"numeroUnique":"1110920621114ACLOG","applicant":{"birthDate":"19/05/1989"}}])").find("YYYY-MM-DD") !=
          std::string::npos);
    CHECK(err(R"([{"numeroUnique":"1110920621114ACLOG","applicant":"Anne"}])") ==
          "requests[0].applicant: expected an object, got string");
    CHECK(err(R"([{"numeroUnique":"1110920621114ACLOG","applicant":{"taxIncomeN2":"1000"}}])") ==
          "requests[0].applicant.taxIncomeN2: expected a whole number of euros, got string");
    CHECK(err(R"([{"numeroUnique":"1110920621114ACLOG","applicant":{"disability":"oui"}}])") ==
          "requests[0].applicant.disability: expected true or false, got string");
    CHECK(err(R"([{"numeroUnique":"1110920621114ACLOG","typologies":["T7"]}])").find("typologies[0]") !=
          std::string::npos);
    CHECK(err(R"([{"numeroUnique":"1110920621114ACLOG","requestedCommunes":"75056"}])") ==
          "requests[0].requestedCommunes: expected an array, got string");
    CHECK(err(R"([{"numeroUnique":"1110920621114ACLOG","otherMembers":[{"sex":"X"}]}])").find("otherMembers[0].sex") !=
          std::string::npos);
    CHECK(err(R"([{"numeroUnique":"1110920621114ACLOG","documents":["passeport"]}])").find("unknown category") !=
          std::string::npos);
    CHECK(err(R"([{"numeroUnique":"1110920621114ACLOG","priority":"urgent"}])").find("priority") != std::string::npos);
}

TEST_CASE("registry seed: the operator's example file") {
    auto extra =
        parseRegistryRequests(readText(std::string(ALIN_SOURCE_DIR) + "/assets/data/registry_extra.example.json"));
    REQUIRE(extra.size() == 2);
    std::set<std::string> seeded;
    for (const auto& r : registry()) seeded.insert(r.numeroUnique);
    for (const auto& r : extra) {
        INFO(r.numeroUnique);
        CHECK(registryProblems(r, geo()).empty());
        CHECK(seeded.count(r.numeroUnique) == 0);
    }
}

TEST_CASE("registry checks: an upload's SIRET follows domain::isValidSiret (La Poste's rule too)") {
    const auto ex = guideExampleRequests();
    RegistryRequest r = ex[0];
    REQUIRE(registryProblems(r, geo()).empty());
    r.applicant.employerSiret = "35600000000001";  // La Poste establishment: digit sum 15, not Luhn
    CHECK(registryProblems(r, geo()).empty());
    r.applicant.employerSiret = "35600000000002";  // La Poste, digit sum 16: a typing error
    CHECK(registryProblems(r, geo()).size() == 1);
    r.applicant.employerSiret = "8245411480243";  // 13 digits
    CHECK(registryProblems(r, geo()).size() == 1);
}
