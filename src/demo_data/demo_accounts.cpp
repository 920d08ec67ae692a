#include "demo_data/demo_accounts.h"

#include <string>

#include "demo_data/registry_seed.h"

namespace alin {

namespace {

// Anne PORTE's file, as if she had completed panels 2 and 3 and clicked
// "Valider mon dossier" (guide §3).
void addPorteFile(Storage& storage, int64_t userId, int64_t now, bool& added) {
    const std::string nu(kGuideExamplePorteNu);
    if (storage.findRequestFileOfUser(userId) || storage.findRequestFileByNumero(nu)) return;
    std::optional<nlohmann::json> request = storage.findRegistryRequest(nu);
    if (!request) {
        for (const RegistryRequest& r : guideExampleRequests())
            if (r.numeroUnique == nu) storage.upsertRegistryRequest(nu, r.toJson(), now);
        request = storage.findRegistryRequest(nu);
        if (!request) return;
    }
    RequestFileRecord f;
    f.userId = userId;
    f.numeroUnique = nu;
    f.snapshot = *request;
    f.importedAt = f.refreshedAt = now;
    f.legacy = false;  // created after 20/04/2021
    f.employerName = "Entreprise Exemple";
    f.cdii = "no";
    f.attachTo = "applicant";
    f.employerValidated = true;
    f.sharingChoice = 3;
    f.docIdentity = f.docResources = f.docTaxNotices = f.docMotive = true;
    f.validatedAt = now;
    storage.insertRequestFile(f);
    added = true;
}

}  // namespace

nlohmann::json seedDemoAccounts(Storage& storage, PasswordHasher& hasher, int64_t now) {
    nlohmann::json accounts = nlohmann::json::array();
    bool fileAdded = false;
    for (const DemoAccount& d : kDemoAccounts) {
        const std::string email(d.email);
        bool created = false;
        if (!storage.findUserByEmail(email)) {
            // Hashed outside the transaction (slow on purpose); a concurrent seeding
            // is settled inside it.
            const std::string hash = hasher.hash(std::string(d.password));
            storage.transaction([&] {
                if (storage.findUserByEmail(email)) return;
                UserRecord u;
                u.email = email;
                u.birthName = std::string(d.birthName);
                u.firstName = std::string(d.firstName);
                u.phone = std::string(d.phone);
                u.passwordHash = hash;
                u.active = true;
                u.role = d.role;
                u.organisation = std::string(d.organisation);
                u.siret = std::string(d.siret);
                u.createdAt = u.consentAt = now;
                const int64_t id = storage.insertUser(u);
                if (u.role == domain::Role::Applicant) addPorteFile(storage, id, now, fileAdded);
                created = true;
            });
        }
        accounts.push_back({{"email", email}, {"role", domain::roleCode(d.role)}, {"created", created}});
    }
    return {{"accounts", std::move(accounts)}, {"requestFile", fileAdded}};
}

}  // namespace alin
