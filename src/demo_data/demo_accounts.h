// The ready-made accounts of the demo (docs/applications-api.md "Demo
// accounts"): an Action Logement advisor, the landlord "Paris Habitat", Anne
// PORTE's employer and Anne PORTE herself with her request imported and
// validated, so that the whole loop can be shown (and tested) without the
// sign-up and import steps. Development, demo and test configurations only,
// never production (the server and the router check it). Used by the server at
// start, by POST /api/v1/dev/demo-accounts and by the offline demo mode.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string_view>

#include "app/crypto.h"
#include "storage/storage.h"

namespace alin {

struct DemoAccount {
    std::string_view email, password;
    domain::Role role;
    std::string_view organisation, siret, birthName, firstName, phone;
};

inline constexpr DemoAccount kDemoAccounts[] = {
    {"conseiller@actionlogement.example", "Conseiller2026", domain::Role::Advisor, "Action Logement Services", "",
     "DURAND", "Claire", "+33611000001"},
    {"bailleur@parishabitat.example", "Bailleur2026", domain::Role::Landlord, "Paris Habitat", "", "LEFEBVRE", "Marc",
     "+33611000002"},
    {"employeur@entreprise.example", "Employeur2026", domain::Role::Employer, "Entreprise Exemple", "82454114802432",
     "BERNARD", "Sophie", "+33611000003"},
    {"anne.porte@example.fr", "Logement2026", domain::Role::Applicant, "", "", "PORTE", "Anne", "+33604505792"},
};

// Creates the demo accounts that do not exist yet (an existing e-mail is left
// as it is: idempotent). With Anne PORTE's new account comes her request file:
// 1110920621114ACLOG from the registry stand-in (stored there first if
// missing), employer "Entreprise Exemple" validated, data-sharing choice 3,
// every document ticked, validated - unless another account already holds that
// Numéro Unique. Answers {accounts:[{email, role, created}], requestFile: bool}.
nlohmann::json seedDemoAccounts(Storage& storage, PasswordHasher& hasher, int64_t now);

}  // namespace alin
