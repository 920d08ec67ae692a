// Request file use cases (guide §3 "Importer sa demande", §4 "Consulter/modifier
// sa demande"), as docs/request-file-api.md describes them: import by Numéro
// Unique with a security code e-mailed to the address of the registered request,
// the three panels (registry information, AL'in information, supporting
// documents), "Valider mon dossier", "Mettre à jour" (with the identity
// re-confirmation of requests created before 20/04/2021) and deletion; plus the
// development stand-in of the registration sites (registry requests in storage).
//
// Decisions (see also the contract):
//  - one request file per account and one account per Numéro Unique: importing
//    a number already held by another account is refused with 409 nu_taken,
//    before a code is sent and again when it is confirmed;
//  - a code: 6 characters of an unambiguous alphabet, valid 24 h, stored hashed,
//    at most 5 wrong entries, replaced by any newer code of the same purpose,
//    at most config.verificationMaxCodesPerDay sent per account and purpose;
//  - legacy ("créée sur AL'in avant le 20/04/21"): a file created on AL'in before
//    2021-04-20 (migrated data) has legacy=true; its first "Mettre à jour" needs
//    an e-mailed code, then legacy=false. An import is verified by its own code,
//    so it is never legacy: the guide asks for the code once;
//  - "Mettre à jour" refuses (409 identity_mismatch, nothing changed) when the
//    applicant's last name, birth name, first name (compared ignoring case and
//    accents) or birth date differ from the imported snapshot;
//  - when a refresh changes the SIRET of the person the request is attached to
//    (or removes the co-applicant it is attached to), the employer must be
//    validated again: employerValidated and validatedAt are reset;
//  - unticking a document of a validated file withdraws the validation.
//
// Thread-safe: the server calls it from several threads; read-modify-write
// sequences run inside Storage::transaction.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "app/account_service.h"  // Result, ServiceError, FieldError, Empty
#include "app/clock.h"
#include "app/config.h"
#include "app/mail.h"
#include "reference/service_data.h"
#include "storage/storage.h"

namespace alin {

// "Je valide l'entreprise" (panel 2). hireDate: ISO "2020-01-15" or "15/01/2020".
struct EmployerInput {
    std::string employerName, companyCode, matricule, hireDate, cdii, attachTo;
};

// Panel 3: deposit confirmed for each document category.
struct DocumentTicks {
    bool identite = false, ressources = false, avisImposition = false, motif = false;
};

struct ResourcesInput;  // app/request_resources.h

struct CodeSent {
    std::string maskedEmail;  // "an***@example.fr"
    int64_t expiresInHours = 24;
};

struct RefreshOutcome {
    Json file;
    bool changed = false;  // the registry request differed from the snapshot
};

class RequestFileService {
public:
    RequestFileService(Storage& storage, Clock& clock, MailTransport& mail, const ServiceConfig& config,
                       ServiceData data);

    const ServiceData& data() const { return data_; }

    // GET /departments: {departments:[{code, name, siteUrl, siteName, national}]}, code order.
    const Json& departments() const { return departments_; }

    // Import (§3).
    Result<CodeSent> startImport(int64_t userId, const std::string& numeroUnique);
    Result<Json> confirmImport(int64_t userId, const std::string& numeroUnique, const std::string& code);

    // The file (JSON of the contract).
    Result<Json> file(int64_t userId);
    Result<Json> saveEmployer(int64_t userId, const EmployerInput& in);
    Result<Json> setSharing(int64_t userId, int choice);
    Result<Json> setDocuments(int64_t userId, const DocumentTicks& ticks);
    Result<Json> validate(int64_t userId);
    // PUT /request/resources (request_resources.cpp): the declared monthly
    // resources and housing aid; 422 validation with the field's error.
    Result<Json> setResources(int64_t userId, const ResourcesInput& in);

    // Keeping it up to date (§4).
    Result<RefreshOutcome> refresh(int64_t userId);
    Result<CodeSent> sendRefreshCode(int64_t userId);
    Result<RefreshOutcome> confirmRefresh(int64_t userId, const std::string& code);
    // "Supprimer ma demande": the file and its codes. `alsoInTransaction` runs
    // in the same storage transaction when there is a file (the router ends
    // the user's active application there: ApplicationService::endForDeletedRequest).
    Result<Empty> remove(int64_t userId, const std::function<void()>& alsoInTransaction = {});

    // Registry stand-in (the router exposes it only when config.registryAdmin).
    Result<Json> registryRequest(const std::string& numeroUnique);
    // Inserts or replaces; {numeroUnique, created, warnings:[...]}.
    Result<Json> putRegistryRequest(const std::string& numeroUnique, const Json& body);
    // An array of requests or {requests:[...]}; all or nothing. {loaded:n}.
    Result<Json> loadRegistryRequests(const Json& body);
    // {total, offset, limit, requests:[...]} in Numéro Unique order.
    Json listRegistryRequests(int64_t offset, int64_t limit);

    // "289057511402397" -> "2 89 05 75 *** *** **"; "" stays ""; fewer than 7
    // characters -> "*** *** **" only.
    static std::string maskNir(std::string_view nir);
    // 1 nothing done beyond the import; 2 AL'in information begun; 3 employer
    // validated and sharing chosen; 4 validated (the dashboard).
    static int stepOf(const RequestFileRecord& file);

private:
    struct CodeCheck;
    Result<CodeSent> issueCode(int64_t userId, const std::string& purpose, const std::string& numeroUnique,
                               const std::string& email);
    CodeCheck checkCode(int64_t userId, const std::string& purpose, const std::string& numeroUnique,
                        const std::string& code);
    Result<RefreshOutcome> refreshFrom(RequestFileRecord record, bool reconfirmed);
    Json fileJson(const RequestFileRecord& file) const;
    std::string codeHash(int64_t userId, const std::string& purpose, const std::string& numeroUnique,
                         const std::string& code) const;

    Storage& storage_;
    Clock& clock_;
    MailTransport& mail_;
    const ServiceConfig& config_;
    ServiceData data_;
    Json departments_;
};

}  // namespace alin
