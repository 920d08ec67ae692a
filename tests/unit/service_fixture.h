// Shared by the unit tests of the offer and application services: the reference
// data read from the source tree, a ready applicant (the guide's Anne PORTE, her
// request file imported and validated directly in storage) and staff accounts.
#pragma once
#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <string>

#include "app/clock.h"
#include "app/mail.h"
#include "demo_data/registry_seed.h"
#include "domain/dates.h"
#include "reference/service_data.h"
#include "storage/memory_storage.h"

#ifndef ALIN_SOURCE_DIR
#define ALIN_SOURCE_DIR "."
#endif

namespace alin::test {

inline std::string readSourceFile(const std::string& rel) {
    const std::string path = std::string(ALIN_SOURCE_DIR) + "/" + rel;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    REQUIRE_MESSAGE(f != nullptr, "missing " << path);
    std::string s;
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    std::fclose(f);
    return s;
}

inline const ServiceData& serviceTestData() {
    static const ServiceData data = loadServiceData(
        readSourceFile("build-assets/geo/geo.bin"), readSourceFile("assets/data/income_ceilings.json"),
        readSourceFile("assets/data/registration_sites.json"), readSourceFile("assets/data/typologies.json"));
    return data;
}

// 2026-11-26 12:00 UTC: the generated catalogue's reference day.
inline constexpr int64_t kTestNoon = 1'795'694'400;

inline RegistryRequest guideRequest(std::string_view nu) {
    for (const RegistryRequest& r : guideExampleRequests())
        if (r.numeroUnique == nu) return r;
    FAIL("no guide request " << nu);
    return {};
}

// A user with a role (an active account; no password needed by the services).
inline int64_t addUser(Storage& storage, const std::string& email, const std::string& role = "applicant",
                       const std::string& organisation = {}, const std::string& siret = {}) {
    UserRecord u;
    u.email = email;
    u.birthName = "TEST";
    u.firstName = "Compte";
    u.phone = "+33600000000";
    u.active = true;
    u.role = domain::parseRole(role).value();
    u.organisation = organisation;
    u.siret = siret;
    u.createdAt = kTestNoon;
    return storage.insertUser(u);
}

// A validated request file made from a registry request (panel 2 and 3 done).
inline RequestFileRecord addValidatedFile(Storage& storage, int64_t userId, const RegistryRequest& request,
                                          int sharingChoice = 3, const std::string& companyCode = {}) {
    RequestFileRecord f;
    f.userId = userId;
    f.numeroUnique = request.numeroUnique;
    f.snapshot = request.toJson();
    f.importedAt = kTestNoon - 3600;
    f.refreshedAt = kTestNoon - 3600;
    f.employerName = "Entreprise Exemple";
    f.companyCode = companyCode;
    f.employerValidated = true;
    f.sharingChoice = sharingChoice;
    f.docIdentity = f.docResources = f.docTaxNotices = f.docMotive = true;
    f.validatedAt = kTestNoon - 1800;
    f.id = storage.insertRequestFile(f);
    return f;
}

}  // namespace alin::test
