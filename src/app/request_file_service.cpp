#include "app/request_file_service.h"

#include <algorithm>
#include <exception>

#include "app/crypto.h"
#include "app/request_resources.h"
#include "domain/dates.h"
#include "domain/limits.h"
#include "domain/numero_unique.h"
#include "domain/siret.h"
#include "domain/utf8.h"
#include "domain/validation.h"
#include "i18n/catalog.h"
#include "reference/eligibility_profile.h"
#include "reference/registry_checks.h"

namespace alin {

namespace {

constexpr const char* kImport = "import";
constexpr const char* kRefresh = "refresh";
constexpr size_t kCodeLength = domain::limits::kVerificationCodeLength;
constexpr size_t kEmployerNameMax = 120;
constexpr size_t kCompanyCodeMax = 30;
constexpr size_t kMatriculeMax = 30;

ServiceError simpleError(int status, const std::string& code, const std::string& message,
                         const std::string& field = {}) {
    ServiceError e;
    e.status = status;
    e.code = code;
    e.message = message;
    e.field = field;
    return e;
}

ServiceError validationError(std::vector<FieldError> errors) {
    ServiceError e;
    e.status = 422;
    e.code = "validation";
    e.message = tr("request.error.validation");
    if (!errors.empty()) {
        e.field = errors.front().field;
        // A single error: its own words are the clearest general message too.
        if (errors.size() == 1) e.message = errors.front().message;
    }
    e.errors = std::move(errors);
    return e;
}

ServiceError fieldError(const std::string& field, const std::string& code, const std::string& key) {
    return validationError({FieldError{field, code, tr(key)}});
}

ServiceError noRequest() {
    return simpleError(404, "no_request", tr("request.error.no_request"));
}

ServiceError codeInvalid(int attemptsLeft) {
    ServiceError e = simpleError(422, "code_invalid", tr("request.error.code_invalid"), "code");
    e.details["attemptsLeft"] = attemptsLeft;
    return e;
}

// "error.siret.checksum" -> "checksum"
std::string lastSegment(std::string_view key) {
    const size_t dot = key.rfind('.');
    return std::string(dot == std::string_view::npos ? key : key.substr(dot + 1));
}

// Codes are typed from an e-mail: spaces and case do not matter.
std::string normalizeCode(std::string_view raw) {
    std::string out;
    for (char c : raw) {
        if (c == ' ' || c == '\t' || c == '-') continue;
        out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
    }
    return out;
}

bool hasControlCharacters(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const domain::utf8::Decoded d = domain::utf8::decodeAt(s, i);
        if (!d.valid || d.cp < 0x20 || (d.cp >= 0x7f && d.cp < 0xa0)) return true;
        i += d.length;
    }
    return false;
}

bool isAsciiAlnum(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
}

// Names compared for the identity check: case, accents and punctuation ignored.
bool sameName(const std::string& a, const std::string& b) {
    return geoSearchKey(a) == geoSearchKey(b);
}

const RegistryPerson* attachedPerson(const RegistryRequest& r, const std::string& attachTo) {
    if (attachTo == "coApplicant") return r.coApplicant ? &*r.coApplicant : nullptr;
    return &r.applicant;
}

// "Anne PORTE": first name then last name, as the registry spells them.
std::string personName(const RegistryPerson& p) {
    std::string name = p.firstName;
    if (!name.empty() && !p.lastName.empty()) name += ' ';
    return name + p.lastName;
}

Json siteJson(const domain::RegistrationSites& sites, std::string_view dept) {
    if (const domain::RegistrationSite* s = domain::departmentalSite(sites, dept))
        return {{"url", s->url}, {"name", s->name}};
    return {{"url", sites.nationalUrl}, {"name", sites.nationalName}};
}

RegistryRequest parseSnapshot(const Json& snapshot) {
    return RegistryRequest::fromJson(snapshot, "snapshot");
}

}  // namespace

struct RequestFileService::CodeCheck {
    bool ok = false;
    int attemptsLeft = 0;
};

RequestFileService::RequestFileService(Storage& storage, Clock& clock, MailTransport& mail, const ServiceConfig& config,
                                       ServiceData data)
    : storage_(storage), clock_(clock), mail_(mail), config_(config), data_(std::move(data)) {
    Json list = Json::array();
    for (const Department& d : data_.geography.departments()) {
        const domain::RegistrationSite* site = domain::departmentalSite(data_.sites, d.code);
        list.push_back({{"code", std::string(d.code)},
                        {"name", std::string(d.name)},
                        {"siteUrl", site ? site->url : data_.sites.nationalUrl},
                        {"siteName", site ? site->name : data_.sites.nationalName},
                        {"national", site == nullptr}});
    }
    departments_ = {{"departments", std::move(list)}};
}

// ---------------------------------------------------------------- helpers

std::string RequestFileService::maskNir(std::string_view nir) {
    if (nir.empty()) return {};
    if (nir.size() < 7) return "*** *** **";
    std::string out;
    out += nir.substr(0, 1);
    out += ' ';
    out += nir.substr(1, 2);
    out += ' ';
    out += nir.substr(3, 2);
    out += ' ';
    out += nir.substr(5, 2);
    out += " *** *** **";
    return out;
}

int RequestFileService::stepOf(const RequestFileRecord& f) {
    if (f.validatedAt > 0) return 4;
    if (f.employerValidated && f.sharingChoice > 0) return 3;
    const bool anyDocument = f.docIdentity || f.docResources || f.docTaxNotices || f.docMotive;
    if (f.employerValidated || f.sharingChoice > 0 || anyDocument) return 2;
    return 1;
}

std::string RequestFileService::codeHash(int64_t userId, const std::string& purpose, const std::string& numeroUnique,
                                         const std::string& code) const {
    // Bound to the account, the purpose and the request: a code is worth
    // nothing for anything else. Codes live 24 h and allow 5 attempts.
    return sha256Hex("alin-verification-code\n" + std::to_string(userId) + "\n" + purpose + "\n" + numeroUnique + "\n" +
                     code);
}

Result<CodeSent> RequestFileService::issueCode(int64_t userId, const std::string& purpose,
                                               const std::string& numeroUnique, const std::string& email) {
    const std::string to = domain::normalizeEmail(email);
    if (to.empty())
        return Result<CodeSent>::failure(simpleError(409, "no_email", tr("request.error.no_email"), "numeroUnique"));
    const int64_t now = clock_.now();
    const std::string code = randomCode(kCodeLength);
    bool tooMany = false, overQuota = false;
    storage_.transaction([&] {
        if (storage_.countVerificationCodesSince(userId, purpose, now - domain::limits::kVerificationQuotaWindow) >=
            config_.verificationMaxCodesPerDay) {
            tooMany = true;
            return;
        }
        // The e-mail quota of the request's address (config.h): over it, the
        // newest code already sent stays the one that works, nothing is sent,
        // and the answer is the usual one.
        if (!storage_.takeQuota(mailQuota(config_, to, {}), now)) {
            overQuota = true;
            return;
        }
        storage_.revokeVerificationCodes(userId, purpose, now);  // the newest code only works
        VerificationCodeRecord record;
        record.userId = userId;
        record.purpose = purpose;
        record.numeroUnique = numeroUnique;
        record.codeHash = codeHash(userId, purpose, numeroUnique, code);
        record.sentTo = to;
        record.createdAt = now;
        record.expiresAt = now + config_.verificationCodeSeconds;
        storage_.insertVerificationCode(record);
    });
    if (tooMany)
        return Result<CodeSent>::failure(simpleError(429, "too_many_codes", tr("request.error.too_many_codes")));

    const int64_t hours = std::max<int64_t>(1, (config_.verificationCodeSeconds + 3599) / 3600);
    if (overQuota) {
        CodeSent out;
        out.maskedEmail = AccountService::maskEmail(to);
        out.expiresInHours = hours;
        return Result<CodeSent>::success(std::move(out));
    }
    MailRecord mail;
    {
        // In the language of the account that asked for the code.
        const std::optional<UserRecord> user = storage_.findUserById(userId);
        const i18n::LanguageScope language(user ? accountLanguage(*user) : i18n::language());
        mail.subject = tr("request.mail.code.subject");
        mail.body = withLanguageFooter(
            trf(purpose == kImport ? "request.mail.code.import_body" : "request.mail.code.refresh_body",
                {numeroUnique, code, std::to_string(hours)}));
    }
    mail.to = to;
    mail.codes = Json::array({code});
    mail.createdAt = now;
    bool sent = false;
    try {
        sent = mail_.send(mail);
    } catch (const std::exception&) {
        sent = false;
    }
    if (!sent) return Result<CodeSent>::failure(simpleError(503, "unavailable", tr("error.unavailable")));
    CodeSent out;
    out.maskedEmail = AccountService::maskEmail(to);
    out.expiresInHours = hours;
    return Result<CodeSent>::success(std::move(out));
}

// Call inside a transaction: counts a wrong entry, consumes a right one.
RequestFileService::CodeCheck RequestFileService::checkCode(int64_t userId, const std::string& purpose,
                                                            const std::string& numeroUnique, const std::string& code) {
    CodeCheck out;
    auto record = storage_.latestVerificationCode(userId, purpose);
    const int64_t now = clock_.now();
    const int maxAttempts = config_.verificationMaxAttempts;
    if (!record || record->usedAt != 0 || now >= record->expiresAt || record->failedAttempts >= maxAttempts)
        return out;  // nothing usable: wrong, expired, replaced or exhausted alike
    if (record->numeroUnique == numeroUnique && record->codeHash == codeHash(userId, purpose, numeroUnique, code)) {
        record->usedAt = now;
        storage_.updateVerificationCode(*record);
        out.ok = true;
        return out;
    }
    record->failedAttempts += 1;
    storage_.updateVerificationCode(*record);
    out.attemptsLeft = std::max(0, maxAttempts - record->failedAttempts);
    return out;
}

// ---------------------------------------------------------------- file JSON

Json RequestFileService::fileJson(const RequestFileRecord& f) const {
    const RegistryRequest r = parseSnapshot(f.snapshot);

    Json registry = r.toJson();
    registry["applicant"]["nir"] = maskNir(r.applicant.nir);
    if (r.coApplicant) registry["coApplicant"]["nir"] = maskNir(r.coApplicant->nir);

    const domain::CivilDate today = domain::civilFromUnix(clock_.now());
    domain::EligibilityRules rules = data_.rules;
    rules.typology = data_.typologies;
    const domain::EligibilityProfile profile =
        profileFor(r, data_.ceilingsOn(today), rules, today, declaredResources(f));

    const RegistryPerson* person = attachedPerson(r, f.attachTo);
    if (!person) person = &r.applicant;
    Json attachOptions = Json::array({{{"value", "applicant"}, {"name", personName(r.applicant)}}});
    if (r.coApplicant) attachOptions.push_back({{"value", "coApplicant"}, {"name", personName(*r.coApplicant)}});

    Json communes = Json::array();
    for (const std::string& insee : r.requestedCommunes) {
        const Commune* c = data_.geography.commune(insee);
        const domain::Zone zone = domain::zoneOf(insee, c ? c->dept : std::string_view());
        communes.push_back({{"insee", insee},
                            {"name", c ? std::string(c->name) : std::string()},
                            {"zone", std::string(domain::zoneCode(zone))},
                            {"zoneLabel", tr(domain::zoneLabelKey(zone))}});
    }
    Json sentences = Json::array();
    for (std::string& s : eligibilitySentences(r, profile)) sentences.push_back(std::move(s));

    return {
        {"numeroUnique", f.numeroUnique},
        {"createdOn", r.createdOn},
        {"importedAt", f.importedAt},
        {"refreshedAt", f.refreshedAt},
        {"legacy", f.legacy},
        {"registrationSite", siteJson(data_.sites, r.registrationDept)},
        {"registry", std::move(registry)},
        {"household",
         {{"persons", profile.household.persons},
          {"category", profile.household.category},
          {"categoryText", domain::explainHouseholdCategory(profile.household)},
          {"dependants", profile.household.dependants}}},
        {"alin",
         {{"employerSiret", person->employerSiret},
          // Until the applicant saves one, the registry's employer name (often empty).
          {"employerName", f.employerValidated || !f.employerName.empty() ? f.employerName : person->employerName},
          {"companyCode", f.companyCode},
          {"matricule", f.matricule},
          {"hireDate", f.hireDate},
          {"cdii", f.cdii},
          {"attachTo", f.attachTo},
          {"attachOptions", std::move(attachOptions)},
          {"employerValidated", f.employerValidated},
          {"sharingChoice", f.sharingChoice}}},
        {"documents",
         {{"identite", f.docIdentity},
          {"ressources", f.docResources},
          {"avis_imposition", f.docTaxNotices},
          {"motif", f.docMotive}}},
        {"deposited",
         {{"identite", r.hasDocument(kDocIdentity)},
          {"ressources", r.hasDocument(kDocResources)},
          {"avis_imposition", r.hasDocument(kDocTaxNotices)},
          {"motif", r.hasDocument(kDocMotive)}}},
        {"resources", resourcesJson(f)},
        {"validated", f.validatedAt > 0},
        {"validatedAt", f.validatedAt},
        {"step", stepOf(f)},
        {"eligibility",
         {{"incomeYear", profile.income.year},
          {"income", profile.income.amount},
          {"persons", profile.household.persons},
          {"category", profile.household.category},
          {"typology", {{"min", profile.typology.minRooms}, {"max", profile.typology.maxRooms}}},
          {"sentences", std::move(sentences)},
          {"table", eligibilityTable(r, profile)},
          {"communes", std::move(communes)}}},
    };
}

// ---------------------------------------------------------------- import

Result<CodeSent> RequestFileService::startImport(int64_t userId, const std::string& raw) {
    if (auto key = domain::checkNumeroUnique(raw))
        return Result<CodeSent>::failure(fieldError("numeroUnique", lastSegment(*key), *key));
    const std::string nu = domain::normalizeNumeroUnique(raw);
    if (storage_.findRequestFileOfUser(userId))
        return Result<CodeSent>::failure(simpleError(409, "already_imported", tr("request.error.already_imported")));
    auto registry = storage_.findRegistryRequest(nu);
    if (!registry)
        return Result<CodeSent>::failure(
            simpleError(404, "nu_unknown", tr("request.error.nu_unknown"), "numeroUnique"));
    if (storage_.findRequestFileByNumero(nu))
        return Result<CodeSent>::failure(simpleError(409, "nu_taken", tr("request.error.nu_taken"), "numeroUnique"));
    const RegistryRequest r = RegistryRequest::fromJson(*registry, "registry");
    return issueCode(userId, kImport, nu, r.applicant.email);
}

Result<Json> RequestFileService::confirmImport(int64_t userId, const std::string& raw, const std::string& rawCode) {
    if (auto key = domain::checkNumeroUnique(raw))
        return Result<Json>::failure(fieldError("numeroUnique", lastSegment(*key), *key));
    const std::string nu = domain::normalizeNumeroUnique(raw);
    const std::string code = normalizeCode(rawCode);
    if (code.empty()) return Result<Json>::failure(fieldError("code", "required", "request.error.code_missing"));

    std::optional<ServiceError> error;
    RequestFileRecord created;
    auto importNow = [&] {
        if (storage_.findRequestFileOfUser(userId)) {
            error = simpleError(409, "already_imported", tr("request.error.already_imported"));
            return;
        }
        const CodeCheck check = checkCode(userId, kImport, nu, code);
        if (!check.ok) {
            error = codeInvalid(check.attemptsLeft);
            return;
        }
        if (storage_.findRequestFileByNumero(nu)) {
            error = simpleError(409, "nu_taken", tr("request.error.nu_taken"), "numeroUnique");
            return;
        }
        auto registry = storage_.findRegistryRequest(nu);
        if (!registry) {
            error = simpleError(404, "nu_unknown", tr("request.error.nu_unknown"), "numeroUnique");
            return;
        }
        const RegistryRequest r = RegistryRequest::fromJson(*registry, "registry");
        const int64_t now = clock_.now();
        created.userId = userId;
        created.numeroUnique = nu;
        created.snapshot = r.toJson();
        created.importedAt = now;
        created.refreshedAt = now;
        // The guide asks for a code once, for files created on AL'in before
        // 20/04/2021: this import has just been verified by its code.
        created.legacy = false;
        created.attachTo = "applicant";
        created.id = storage_.insertRequestFile(created);
    };
    try {
        storage_.transaction(importNow);
    } catch (const std::exception&) {
        // A concurrent import won the race for this account or this number (the
        // storage's unique constraints); anything else is a real failure.
        if (storage_.findRequestFileOfUser(userId))
            return Result<Json>::failure(simpleError(409, "already_imported", tr("request.error.already_imported")));
        if (storage_.findRequestFileByNumero(nu))
            return Result<Json>::failure(simpleError(409, "nu_taken", tr("request.error.nu_taken"), "numeroUnique"));
        throw;
    }
    if (error) return Result<Json>::failure(*error);
    return Result<Json>::success(fileJson(created));
}

// ---------------------------------------------------------------- the file

Result<Json> RequestFileService::file(int64_t userId) {
    auto f = storage_.findRequestFileOfUser(userId);
    if (!f) return Result<Json>::failure(noRequest());
    return Result<Json>::success(fileJson(*f));
}

Result<Json> RequestFileService::saveEmployer(int64_t userId, const EmployerInput& in) {
    auto f = storage_.findRequestFileOfUser(userId);
    if (!f) return Result<Json>::failure(noRequest());
    const RegistryRequest r = parseSnapshot(f->snapshot);
    std::vector<FieldError> errors;

    const std::string attachTo = in.attachTo.empty() ? f->attachTo : in.attachTo;
    const bool knownValue = attachTo == "applicant" || attachTo == "coApplicant";
    // "coApplicant" is an option only when the request has a co-applicant.
    if (const RegistryPerson* person = knownValue ? attachedPerson(r, attachTo) : nullptr) {
        if (auto key = domain::checkSiret(person->employerSiret)) {
            const bool missing = *key == "error.siret.required";
            errors.push_back({"employerSiret", missing ? "required" : lastSegment(*key),
                              tr(missing ? "request.employer.siret_missing" : "request.employer.siret_invalid")});
        }
    } else {
        errors.push_back({"attachTo", "invalid", tr("request.employer.attach_invalid")});
    }

    const std::string name = domain::normalizeName(in.employerName);
    if (name.empty())
        errors.push_back({"employerName", "required", tr("request.employer.name_required")});
    else if (hasControlCharacters(name))
        errors.push_back({"employerName", "invalid", tr("request.employer.name_invalid")});
    else if (domain::utf8::codePointCount(name) > kEmployerNameMax)
        errors.push_back({"employerName", "too_long", tr("request.employer.name_too_long")});

    const std::string companyCode(domain::utf8::trim(in.companyCode));
    if (!isAsciiAlnum(companyCode))
        errors.push_back({"companyCode", "invalid", tr("request.employer.company_code_invalid")});
    else if (companyCode.size() > kCompanyCodeMax)
        errors.push_back({"companyCode", "too_long", tr("request.employer.company_code_too_long")});

    const std::string matricule = domain::normalizeName(in.matricule);
    if (hasControlCharacters(matricule))
        errors.push_back({"matricule", "invalid", tr("request.employer.matricule_invalid")});
    else if (domain::utf8::codePointCount(matricule) > kMatriculeMax)
        errors.push_back({"matricule", "too_long", tr("request.employer.matricule_too_long")});

    std::string hireDate;
    const std::string_view hireRaw = domain::utf8::trim(in.hireDate);
    if (!hireRaw.empty()) {
        auto date = domain::parseIsoDate(hireRaw);
        if (!date) date = domain::parseFrenchDate(hireRaw);
        if (!date && domain::hasDateShape(hireRaw)) {
            errors.push_back(
                {"hireDate", "nonexistent", trf("request.employer.hire_date_nonexistent", {std::string(hireRaw)})});
        } else if (!date) {
            errors.push_back({"hireDate", "invalid", tr("request.employer.hire_date_invalid")});
        } else if (*date > domain::civilFromUnix(clock_.now())) {
            errors.push_back({"hireDate", "future", tr("request.employer.hire_date_future")});
        } else {
            hireDate = domain::toIsoDate(*date);
        }
    }

    if (in.cdii != "" && in.cdii != "yes" && in.cdii != "no")
        errors.push_back({"cdii", "invalid", tr("request.employer.cdii_invalid")});

    if (!errors.empty()) return Result<Json>::failure(validationError(std::move(errors)));

    std::optional<RequestFileRecord> saved;
    storage_.transaction([&] {
        saved = storage_.findRequestFileOfUser(userId);
        if (!saved || saved->numeroUnique != f->numeroUnique) {
            saved.reset();
            return;
        }
        saved->attachTo = attachTo;
        saved->employerName = name;
        saved->companyCode = companyCode;
        saved->matricule = matricule;
        saved->hireDate = hireDate;
        saved->cdii = in.cdii;
        saved->employerValidated = true;
        storage_.updateRequestFile(*saved);
    });
    if (!saved) return Result<Json>::failure(noRequest());
    return Result<Json>::success(fileJson(*saved));
}

Result<Json> RequestFileService::setSharing(int64_t userId, int choice) {
    if (choice < 1 || choice > 3)
        return Result<Json>::failure(fieldError("choice", "invalid", "request.sharing.invalid"));
    std::optional<RequestFileRecord> f;
    storage_.transaction([&] {
        f = storage_.findRequestFileOfUser(userId);
        if (!f) return;
        const bool changed = f->sharingChoice != choice;
        f->sharingChoice = choice;
        storage_.updateRequestFile(*f);
        // The consent log of "Mes données": each change, dated, with the choice.
        if (changed) storage_.insertConsentChange({0, userId, choice, clock_.now()});
    });
    if (!f) return Result<Json>::failure(noRequest());
    return Result<Json>::success(fileJson(*f));
}

Result<Json> RequestFileService::setDocuments(int64_t userId, const DocumentTicks& ticks) {
    std::optional<RequestFileRecord> f;
    storage_.transaction([&] {
        f = storage_.findRequestFileOfUser(userId);
        if (!f) return;
        f->docIdentity = ticks.identite;
        f->docResources = ticks.ressources;
        f->docTaxNotices = ticks.avisImposition;
        f->docMotive = ticks.motif;
        const bool all = ticks.identite && ticks.ressources && ticks.avisImposition && ticks.motif;
        if (!all) f->validatedAt = 0;  // a validated file needs every document
        storage_.updateRequestFile(*f);
    });
    if (!f) return Result<Json>::failure(noRequest());
    return Result<Json>::success(fileJson(*f));
}

Result<Json> RequestFileService::validate(int64_t userId) {
    std::optional<RequestFileRecord> f;
    std::optional<ServiceError> error;
    storage_.transaction([&] {
        f = storage_.findRequestFileOfUser(userId);
        if (!f) return;
        if (f->validatedAt > 0) return;  // already validated: unchanged
        std::vector<FieldError> missing;
        if (!f->employerValidated) missing.push_back({"employer", "missing", tr("request.incomplete.employer")});
        if (f->sharingChoice <= 0) missing.push_back({"sharing", "missing", tr("request.incomplete.sharing")});
        if (!(f->docIdentity && f->docResources && f->docTaxNotices && f->docMotive))
            missing.push_back({"documents", "missing", tr("request.incomplete.documents")});
        if (!missing.empty()) {
            ServiceError e = simpleError(422, "incomplete", missing.front().message);
            e.details["step"] = missing.front().field == "documents" ? 3 : 2;
            Json names = Json::array();
            for (const FieldError& m : missing) names.push_back(m.field);
            e.details["missing"] = std::move(names);
            error = std::move(e);
            return;
        }
        f->validatedAt = clock_.now();
        storage_.updateRequestFile(*f);
    });
    if (!f) return Result<Json>::failure(noRequest());
    if (error) return Result<Json>::failure(*error);
    return Result<Json>::success(fileJson(*f));
}

// ---------------------------------------------------------------- keeping it up to date

// Re-reads the registry entry into the file. Call inside a transaction.
Result<RefreshOutcome> RequestFileService::refreshFrom(RequestFileRecord f, bool reconfirmed) {
    auto current = storage_.findRegistryRequest(f.numeroUnique);
    if (!current) return Result<RefreshOutcome>::failure(simpleError(404, "nu_unknown", tr("request.error.nu_gone")));
    const RegistryRequest now = RegistryRequest::fromJson(*current, "registry");
    const RegistryRequest before = parseSnapshot(f.snapshot);
    const RegistryPerson& a = now.applicant;
    const RegistryPerson& b = before.applicant;
    if (!sameName(a.lastName, b.lastName) || !sameName(a.birthName, b.birthName) ||
        !sameName(a.firstName, b.firstName) || a.birthDate != b.birthDate)
        return Result<RefreshOutcome>::failure(
            simpleError(409, "identity_mismatch", tr("request.error.identity_mismatch")));

    const Json updated = now.toJson();
    RefreshOutcome out;
    out.changed = updated != before.toJson();

    // The employer validation holds for one SIRET of one person.
    const RegistryPerson* oldPerson = attachedPerson(before, f.attachTo);
    const RegistryPerson* newPerson = attachedPerson(now, f.attachTo);
    if (!newPerson) f.attachTo = "applicant";
    if (!newPerson || !oldPerson || oldPerson->employerSiret != newPerson->employerSiret) {
        if (f.employerValidated) {
            f.employerValidated = false;
            f.validatedAt = 0;
        }
    }
    f.snapshot = updated;
    f.refreshedAt = clock_.now();
    if (reconfirmed) f.legacy = false;
    storage_.updateRequestFile(f);
    out.file = fileJson(f);
    return Result<RefreshOutcome>::success(std::move(out));
}

Result<RefreshOutcome> RequestFileService::refresh(int64_t userId) {
    std::optional<Result<RefreshOutcome>> result;
    storage_.transaction([&] {
        auto f = storage_.findRequestFileOfUser(userId);
        if (!f) {
            result = Result<RefreshOutcome>::failure(noRequest());
            return;
        }
        if (f->legacy) {
            result =
                Result<RefreshOutcome>::failure(simpleError(409, "code_required", tr("request.error.code_required")));
            return;
        }
        result = refreshFrom(*f, false);
    });
    return std::move(*result);
}

Result<CodeSent> RequestFileService::sendRefreshCode(int64_t userId) {
    auto f = storage_.findRequestFileOfUser(userId);
    if (!f) return Result<CodeSent>::failure(noRequest());
    auto current = storage_.findRegistryRequest(f->numeroUnique);
    if (!current) return Result<CodeSent>::failure(simpleError(404, "nu_unknown", tr("request.error.nu_gone")));
    // The address the registration site holds now (the applicant may just have
    // corrected it there: "Vous n'avez plus accès à cette boîte mail ?").
    const RegistryRequest r = RegistryRequest::fromJson(*current, "registry");
    return issueCode(userId, kRefresh, f->numeroUnique, r.applicant.email);
}

Result<RefreshOutcome> RequestFileService::confirmRefresh(int64_t userId, const std::string& rawCode) {
    const std::string code = normalizeCode(rawCode);
    if (code.empty())
        return Result<RefreshOutcome>::failure(fieldError("code", "required", "request.error.code_missing"));
    std::optional<Result<RefreshOutcome>> result;
    storage_.transaction([&] {
        auto f = storage_.findRequestFileOfUser(userId);
        if (!f) {
            result = Result<RefreshOutcome>::failure(noRequest());
            return;
        }
        const CodeCheck check = checkCode(userId, kRefresh, f->numeroUnique, code);
        if (!check.ok) {
            result = Result<RefreshOutcome>::failure(codeInvalid(check.attemptsLeft));
            return;
        }
        result = refreshFrom(*f, true);
    });
    return std::move(*result);
}

Result<Empty> RequestFileService::remove(int64_t userId, const std::function<void()>& alsoInTransaction) {
    bool found = false;
    storage_.transaction([&] {
        found = storage_.findRequestFileOfUser(userId).has_value();
        if (!found) return;
        storage_.deleteRequestFileOfUser(userId);
        storage_.deleteVerificationCodesOfUser(userId);
        if (alsoInTransaction) alsoInTransaction();
    });
    if (!found) return Result<Empty>::failure(noRequest());
    return Result<Empty>::success({});
}

// ---------------------------------------------------------------- registry stand-in

Result<Json> RequestFileService::registryRequest(const std::string& raw) {
    const std::string nu = domain::normalizeNumeroUnique(raw);
    auto found = domain::isNormalizedNumeroUnique(nu) ? storage_.findRegistryRequest(nu) : std::nullopt;
    if (!found) return Result<Json>::failure(simpleError(404, "nu_unknown", tr("request.error.nu_unknown")));
    return Result<Json>::success(*found);
}

Result<Json> RequestFileService::putRegistryRequest(const std::string& raw, const Json& body) {
    const std::string nu = domain::normalizeNumeroUnique(raw);
    if (!domain::isNormalizedNumeroUnique(nu))
        return Result<Json>::failure(simpleError(404, "nu_unknown", tr("request.error.nu_unknown")));
    if (!body.is_object()) return Result<Json>::failure(simpleError(400, "bad_request", tr("error.bad_request")));
    // The body is read in place; only a body without its number is copied to
    // add it (a copy parseBody has bounded: at most kMaxJsonDepth levels).
    const Json* document = &body;
    Json withNumber;
    auto given = body.find("numeroUnique");
    if (given == body.end() || given->is_null()) {
        withNumber = body;
        withNumber["numeroUnique"] = nu;
        document = &withNumber;
    } else if (!given->is_string() || domain::normalizeNumeroUnique(given->get<std::string>()) != nu) {
        return Result<Json>::failure(
            simpleError(422, "validation", tr("request.registry.nu_mismatch"), "numeroUnique"));
    }
    RegistryRequest r;
    try {
        r = RegistryRequest::fromJson(*document, "request");
    } catch (const RegistryParseError& e) {
        return Result<Json>::failure(simpleError(422, "validation", trf("request.registry.invalid", {e.what()})));
    }
    bool created = false;
    storage_.transaction([&] {
        created = !storage_.findRegistryRequest(nu).has_value();
        storage_.upsertRegistryRequest(nu, r.toJson(), clock_.now());
    });
    Json warnings = Json::array();
    for (std::string& w : registryProblems(r, data_.geography)) warnings.push_back(std::move(w));
    return Result<Json>::success({{"numeroUnique", nu}, {"created", created}, {"warnings", std::move(warnings)}});
}

Result<Json> RequestFileService::loadRegistryRequests(const Json& body) {
    const Json* list = &body;
    if (body.is_object()) {
        auto it = body.find("requests");
        list = it == body.end() ? nullptr : &*it;
    }
    if (!list || !list->is_array())
        return Result<Json>::failure(simpleError(400, "bad_request", tr("error.bad_request")));
    std::vector<RegistryRequest> requests;
    requests.reserve(list->size());
    try {
        for (size_t i = 0; i < list->size(); ++i)
            requests.push_back(RegistryRequest::fromJson((*list)[i], "requests[" + std::to_string(i) + "]"));
    } catch (const RegistryParseError& e) {
        return Result<Json>::failure(simpleError(422, "validation", trf("request.registry.invalid", {e.what()})));
    }
    const int64_t now = clock_.now();
    storage_.transaction([&] {
        for (const RegistryRequest& r : requests) storage_.upsertRegistryRequest(r.numeroUnique, r.toJson(), now);
    });
    return Result<Json>::success({{"loaded", static_cast<int64_t>(requests.size())}});
}

Json RequestFileService::listRegistryRequests(int64_t offset, int64_t limit) {
    offset = std::max<int64_t>(0, offset);
    limit = std::clamp<int64_t>(limit, 0, 500);
    Json requests = Json::array();
    for (Json& j : storage_.listRegistryRequests(offset, limit)) requests.push_back(std::move(j));
    return {{"total", storage_.countRegistryRequests()},
            {"offset", offset},
            {"limit", limit},
            {"requests", std::move(requests)}};
}

}  // namespace alin
