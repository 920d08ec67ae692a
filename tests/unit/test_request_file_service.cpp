// Request file use cases (guide §3, §4; docs/request-file-api.md) over the
// in-memory storage and a manual clock: import with the e-mailed code, the
// three panels, validation, "Mettre à jour" (legacy re-confirmation, identity
// check), deletion, the registry stand-in; and the router's request routes.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "api/api_router.h"
#include "app/request_file_service.h"
#include "demo_data/registry_seed.h"
#include "reference/service_data.h"
#include "storage/memory_storage.h"

using namespace alin;

namespace {

std::string readText(const std::string& rel) {
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

const ServiceData& testData() {
    static const ServiceData data =
        loadServiceData(readText("build-assets/geo/geo.bin"), readText("assets/data/income_ceilings.json"),
                        readText("assets/data/registration_sites.json"), readText("assets/data/typologies.json"));
    return data;
}

const std::string kPorte(kGuideExamplePorteNu);
const std::string kLegacy(kGuideExampleLegacyNu);
const std::string kPorteMail(kGuideExamplePorteEmail);
const std::string kLegacyMail(kGuideExampleLegacyEmail);
constexpr int64_t kAnne = 1;  // user ids (the service does not read the users table)
constexpr int64_t kOther = 2;

struct Fixture {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{1'750'000'000};  // 2025-06-15
    OutboxTransport mail{storage};
    RequestFileService service{storage, clock, mail, config, testData()};

    // The guide's two requests only: enough for these tests, and fast.
    Fixture() {
        // Users kAnne (1) and kOther (2): request files and codes reference a user (FOREIGN KEY).
        for (const char* email : {"anne@example.fr", "other@example.fr"}) {
            UserRecord u;
            u.email = email;
            u.createdAt = clock.now();
            storage.insertUser(u);
        }
        for (const RegistryRequest& r : guideExampleRequests())
            storage.upsertRegistryRequest(r.numeroUnique, r.toJson(), clock.now());
    }

    std::string lastCode(const std::string& to) {
        auto mails = storage.listMailTo(to);
        REQUIRE_FALSE(mails.empty());
        REQUIRE(mails.front().codes.size() == 1);
        return mails.front().codes[0].get<std::string>();
    }

    // Import of a request by a user, code included; returns the file.
    Json import(int64_t user = kAnne, const std::string& nu = kPorte, const std::string& to = kPorteMail) {
        auto sent = service.startImport(user, nu);
        REQUIRE(sent.ok());
        auto file = service.confirmImport(user, nu, lastCode(to));
        REQUIRE(file.ok());
        return *file.value;
    }

    RegistryRequest registry(const std::string& nu) {
        auto j = storage.findRegistryRequest(nu);
        REQUIRE(j);
        return RegistryRequest::fromJson(*j);
    }
    // A file imported on AL'in before 20/04/2021 (migrated data): its first
    // "Mettre à jour" asks for a code.
    void makeLegacy(int64_t user) {
        RequestFileRecord f = *storage.findRequestFileOfUser(user);
        f.legacy = true;
        storage.updateRequestFile(f);
    }
    void putRegistry(const RegistryRequest& r) { storage.upsertRegistryRequest(r.numeroUnique, r.toJson(), 0); }

    static EmployerInput goodEmployer() {
        EmployerInput in;
        in.employerName = "Boulangerie Porte & Fils";
        in.companyCode = "ACLOG75";
        in.matricule = "M-00042";
        in.hireDate = "15/01/2020";
        in.cdii = "no";
        in.attachTo = "applicant";
        return in;
    }
    static DocumentTicks allDocuments() { return {true, true, true, true}; }
};

std::string fieldOf(const ServiceError& e) {
    return e.field;
}

const FieldError* errorAt(const ServiceError& e, const std::string& field) {
    for (const FieldError& f : e.errors)
        if (f.field == field) return &f;
    return nullptr;
}

}  // namespace

TEST_SUITE("RequestFileService") {
    TEST_CASE("import: the code goes to the registry request's address, then the file is created") {
        Fixture fx;
        auto sent = fx.service.startImport(kAnne, " 1110 9206 2111-4acl og ");  // typed loosely
        REQUIRE(sent.ok());
        CHECK(sent.value->maskedEmail == "an***@example.fr");
        CHECK(sent.value->expiresInHours == 24);

        auto mails = fx.storage.listMailTo(kPorteMail);
        REQUIRE(mails.size() == 1);
        CHECK(mails[0].subject == "Action Logement Services – Votre code de sécurité");
        const std::string code = mails[0].codes[0].get<std::string>();
        CHECK(code.size() == 6);
        CHECK(code.find_first_not_of("ABCDEFGHJKMNPQRSTUVWXYZ23456789") == std::string::npos);
        CHECK(mails[0].body.find(code) != std::string::npos);
        CHECK(mails[0].body.find("24h") != std::string::npos);
        CHECK(mails[0].body.find(kPorte) != std::string::npos);
        // Only the hash is stored.
        auto stored = fx.storage.latestVerificationCode(kAnne, "import");
        REQUIRE(stored);
        CHECK(stored->codeHash.size() == 64);
        CHECK(stored->codeHash.find(code) == std::string::npos);
        CHECK(stored->sentTo == kPorteMail);
        CHECK(stored->expiresAt == fx.clock.now() + 24 * 3600);

        // Lower case and spaces are forgiven.
        std::string typed = code.substr(0, 3) + " " + code.substr(3);
        for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto file = fx.service.confirmImport(kAnne, kPorte, typed);
        REQUIRE(file.ok());
        const Json& f = *file.value;
        CHECK(f["numeroUnique"] == kPorte);
        CHECK(f["createdOn"] == "2021-09-06");
        CHECK(f["importedAt"] == fx.clock.now());
        CHECK(f["refreshedAt"] == fx.clock.now());
        CHECK(f["legacy"] == false);
        CHECK(f["step"] == 1);
        CHECK(f["validated"] == false);
        // Paris: the national portal.
        CHECK(f["registrationSite"]["url"] == "https://www.demande-logement-social.gouv.fr");
        CHECK_FALSE(f["registrationSite"]["name"].get<std::string>().empty());
        // NIRs masked, the rest as registered.
        CHECK(f["registry"]["applicant"]["nir"] == "2 89 05 75 *** *** **");
        CHECK(f["registry"]["coApplicant"]["nir"] == "1 87 02 69 *** *** **");
        CHECK(f["registry"]["applicant"]["lastName"] == "PORTE");
        CHECK(f["registry"]["applicant"]["email"] == kPorteMail);
        CHECK(f.dump().find(fx.registry(kPorte).applicant.nir) == std::string::npos);
        CHECK(f["household"]["persons"] == 3);
        CHECK(f["household"]["dependants"] == 1);
        CHECK(f["household"]["category"].get<int>() >= 3);
        CHECK_FALSE(f["household"]["categoryText"].get<std::string>().empty());
        // Panel 2.
        CHECK(f["alin"]["employerSiret"] == "82454114802432");
        CHECK(f["alin"]["employerName"] == "");
        CHECK(f["alin"]["attachTo"] == "applicant");
        CHECK(f["alin"]["employerValidated"] == false);
        CHECK(f["alin"]["sharingChoice"] == 0);
        REQUIRE(f["alin"]["attachOptions"].size() == 2);
        CHECK(f["alin"]["attachOptions"][0] == Json{{"value", "applicant"}, {"name", "Anne PORTE"}});
        CHECK(f["alin"]["attachOptions"][1] == Json{{"value", "coApplicant"}, {"name", "Denis GIGI"}});
        // Panel 3.
        CHECK(f["documents"] ==
              Json{{"identite", false}, {"ressources", false}, {"avis_imposition", false}, {"motif", false}});
        CHECK(f["deposited"] ==
              Json{{"identite", true}, {"ressources", true}, {"avis_imposition", true}, {"motif", true}});
        // Eligibility block.
        const Json& e = f["eligibility"];
        CHECK(e["incomeYear"] == testData().ceilings.incomeYear);
        CHECK(e["income"] == 24800 + 21500);
        CHECK(e["persons"] == 3);
        CHECK(e["typology"] == Json{{"min", 2}, {"max", 4}});
        CHECK(e["sentences"].size() >= 3);
        REQUIRE(e["communes"].size() == 3);
        CHECK(e["communes"][0] == Json{{"insee", "75056"},
                                       {"name", "Paris"},
                                       {"zone", "paris_limitrophe"},
                                       {"zoneLabel", "Paris et communes limitrophes"}});
        CHECK(e["communes"][2]["zone"] == "reste_idf");

        // The code is spent; the file is there.
        CHECK(fx.service.file(kAnne).ok());
        CHECK(fx.storage.latestVerificationCode(kAnne, "import")->usedAt == fx.clock.now());
    }

    TEST_CASE("import: Numéro Unique shape, unknown number, account already holding a request") {
        Fixture fx;
        auto empty = fx.service.startImport(kAnne, "  ");
        REQUIRE_FALSE(empty.ok());
        CHECK(empty.error->status == 422);
        CHECK(empty.error->code == "validation");
        CHECK(fieldOf(*empty.error) == "numeroUnique");
        CHECK(empty.error->errors.at(0).code == "required");

        auto shape = fx.service.startImport(kAnne, "1110920621114ACLO");  // 17 characters
        REQUIRE_FALSE(shape.ok());
        CHECK(shape.error->status == 422);
        CHECK(shape.error->errors.at(0).code == "invalid");
        CHECK(shape.error->message.find("18\u00A0caractères") != std::string::npos);

        auto unknown = fx.service.startImport(kAnne, "999999999999999ZZZ");
        REQUIRE_FALSE(unknown.ok());
        CHECK(unknown.error->status == 404);
        CHECK(unknown.error->code == "nu_unknown");
        CHECK(unknown.error->field == "numeroUnique");
        CHECK(unknown.error->message ==
              "Aucune demande ne correspond à ce Numéro Unique. Vérifiez-le sur votre site d'enregistrement.");
        CHECK(fx.storage.listMailTo(kPorteMail).empty());

        fx.import();
        auto again = fx.service.startImport(kAnne, kLegacy);
        REQUIRE_FALSE(again.ok());
        CHECK(again.error->status == 409);
        CHECK(again.error->code == "already_imported");
    }

    TEST_CASE("import: 5 wrong codes invalidate the code, with the attempts left") {
        Fixture fx;
        REQUIRE(fx.service.startImport(kAnne, kPorte).ok());
        const std::string code = fx.lastCode(kPorteMail);
        const std::string wrong = code[0] == 'A' ? "BBBBBB" : "AAAAAA";
        for (int left = 4; left >= 0; --left) {
            auto r = fx.service.confirmImport(kAnne, kPorte, wrong);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error->status == 422);
            CHECK(r.error->code == "code_invalid");
            CHECK(r.error->field == "code");
            CHECK(r.error->message.find("demandez un nouveau code") != std::string::npos);  // says what to do next
            CHECK(r.error->details["attemptsLeft"] == left);
        }
        auto late = fx.service.confirmImport(kAnne, kPorte, code);  // the right one, too late
        REQUIRE_FALSE(late.ok());
        CHECK(late.error->code == "code_invalid");
        CHECK(late.error->details["attemptsLeft"] == 0);
        CHECK_FALSE(fx.service.file(kAnne).ok());

        // "get another code": a new one works.
        REQUIRE(fx.service.startImport(kAnne, kPorte).ok());
        CHECK(fx.service.confirmImport(kAnne, kPorte, fx.lastCode(kPorteMail)).ok());
    }

    TEST_CASE("import: an empty code is not an attempt") {
        Fixture fx;
        REQUIRE(fx.service.startImport(kAnne, kPorte).ok());
        auto r = fx.service.confirmImport(kAnne, kPorte, "  ");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error->code == "validation");
        CHECK(r.error->field == "code");
        CHECK(fx.storage.latestVerificationCode(kAnne, "import")->failedAttempts == 0);
    }

    TEST_CASE("import: the code expires after 24 h") {
        {
            Fixture fx;
            REQUIRE(fx.service.startImport(kAnne, kPorte).ok());
            fx.clock.advance(24 * 3600 - 1);
            CHECK(fx.service.confirmImport(kAnne, kPorte, fx.lastCode(kPorteMail)).ok());
        }
        {
            Fixture fx;
            REQUIRE(fx.service.startImport(kAnne, kPorte).ok());
            fx.clock.advance(24 * 3600);
            auto r = fx.service.confirmImport(kAnne, kPorte, fx.lastCode(kPorteMail));
            REQUIRE_FALSE(r.ok());
            CHECK(r.error->code == "code_invalid");
            CHECK(r.error->details["attemptsLeft"] == 0);
        }
    }

    TEST_CASE("import: a new code replaces the previous one; a code is bound to its number") {
        Fixture fx;
        REQUIRE(fx.service.startImport(kAnne, kPorte).ok());
        const std::string first = fx.lastCode(kPorteMail);
        fx.clock.advance(60);
        REQUIRE(fx.service.startImport(kAnne, kPorte).ok());
        const std::string second = fx.lastCode(kPorteMail);
        CHECK(fx.storage.listMailTo(kPorteMail).size() == 2);
        if (first != second) {
            auto old = fx.service.confirmImport(kAnne, kPorte, first);
            REQUIRE_FALSE(old.ok());
            CHECK(old.error->code == "code_invalid");
        }
        // The code of one number does not import another.
        auto other = fx.service.confirmImport(kAnne, kLegacy, second);
        REQUIRE_FALSE(other.ok());
        CHECK(other.error->code == "code_invalid");
        CHECK(fx.service.confirmImport(kAnne, kPorte, second).ok());
    }

    TEST_CASE("import: the code goes to the registry e-mail, never to the account's") {
        Fixture fx;
        RegistryRequest r = fx.registry(kPorte);
        r.applicant.email = "Anne.Nouvelle@Example.FR";
        fx.putRegistry(r);
        auto sent = fx.service.startImport(kAnne, kPorte);
        REQUIRE(sent.ok());
        CHECK(sent.value->maskedEmail == "an***@example.fr");
        CHECK(fx.storage.listMailTo("anne.nouvelle@example.fr").size() == 1);
        CHECK(fx.storage.listMailTo(kPorteMail).empty());
        CHECK(fx.storage.listMailTo("denis.gigi@example.fr").empty());

        r.applicant.email = "";
        fx.putRegistry(r);
        auto none = fx.service.startImport(kAnne, kPorte);
        REQUIRE_FALSE(none.ok());
        CHECK(none.error->code == "no_email");
    }

    TEST_CASE("import: too many codes in a day") {
        Fixture fx;
        fx.config.verificationMaxCodesPerDay = 3;
        for (int i = 0; i < 3; ++i) REQUIRE(fx.service.startImport(kAnne, kPorte).ok());
        auto r = fx.service.startImport(kAnne, kPorte);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error->status == 429);
        CHECK(r.error->code == "too_many_codes");
        fx.clock.advance(24 * 3600 + 1);
        CHECK(fx.service.startImport(kAnne, kPorte).ok());
    }

    TEST_CASE("import: one account per Numéro Unique (nu_taken)") {
        Fixture fx;
        // Both ask for a code before either confirms.
        REQUIRE(fx.service.startImport(kAnne, kPorte).ok());
        const std::string anneCode = fx.lastCode(kPorteMail);
        REQUIRE(fx.service.startImport(kOther, kPorte).ok());
        const std::string otherCode = fx.lastCode(kPorteMail);
        REQUIRE(fx.service.confirmImport(kAnne, kPorte, anneCode).ok());

        auto late = fx.service.confirmImport(kOther, kPorte, otherCode);
        REQUIRE_FALSE(late.ok());
        CHECK(late.error->status == 409);
        CHECK(late.error->code == "nu_taken");
        CHECK(late.error->message == "Ce Numéro Unique est déjà rattaché à un autre compte AL'in.");

        auto start = fx.service.startImport(kOther, kPorte);
        REQUIRE_FALSE(start.ok());
        CHECK(start.error->code == "nu_taken");
        CHECK(start.error->field == "numeroUnique");
        CHECK_FALSE(fx.service.file(kOther).ok());

        // Once Anne deletes hers, the number is free again.
        REQUIRE(fx.service.remove(kAnne).ok());
        fx.import(kOther);
    }

    TEST_CASE("employer: validation errors, all at once") {
        Fixture fx;
        fx.import();
        struct Case {
            const char* name;
            EmployerInput in;
            const char* field;
            const char* code;
        };
        auto with = [](auto change) {
            EmployerInput in = Fixture::goodEmployer();
            change(in);
            return in;
        };
        const Case cases[] = {
            {"name missing", with([](EmployerInput& in) { in.employerName = "   "; }), "employerName", "required"},
            {"name too long", with([](EmployerInput& in) { in.employerName = std::string(121, 'a'); }), "employerName",
             "too_long"},
            {"name control", with([](EmployerInput& in) { in.employerName = "ACME\x01"; }), "employerName", "invalid"},
            {"company code symbols", with([](EmployerInput& in) { in.companyCode = "AC-LOG"; }), "companyCode",
             "invalid"},
            {"company code long", with([](EmployerInput& in) { in.companyCode = std::string(31, 'A'); }), "companyCode",
             "too_long"},
            {"matricule long", with([](EmployerInput& in) { in.matricule = std::string(31, '7'); }), "matricule",
             "too_long"},
            {"hire date shape", with([](EmployerInput& in) { in.hireDate = "2020/01/15"; }), "hireDate", "invalid"},
            // A date that does not exist is not a format error (issue 11 item 5).
            {"hire date impossible", with([](EmployerInput& in) { in.hireDate = "31/02/2020"; }), "hireDate",
             "nonexistent"},
            {"hire date future", with([](EmployerInput& in) { in.hireDate = "2025-06-16"; }), "hireDate", "future"},
            {"cdii", with([](EmployerInput& in) { in.cdii = "peut-être"; }), "cdii", "invalid"},
            {"attach", with([](EmployerInput& in) { in.attachTo = "spouse"; }), "attachTo", "invalid"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.name);
            auto r = fx.service.saveEmployer(kAnne, c.in);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error->status == 422);
            CHECK(r.error->code == "validation");
            REQUIRE(r.error->errors.size() == 1);
            CHECK(r.error->errors[0].field == c.field);
            CHECK(r.error->errors[0].code == c.code);
            CHECK(r.error->field == c.field);
            CHECK_FALSE(r.error->errors[0].message.empty());
        }
        EmployerInput bad;
        bad.employerName = "";
        bad.hireDate = "demain";
        bad.cdii = "x";
        auto many = fx.service.saveEmployer(kAnne, bad);
        REQUIRE_FALSE(many.ok());
        CHECK(many.error->errors.size() == 3);
        CHECK(errorAt(*many.error, "employerName")->message == "Le champ Nom de l'employeur est obligatoire.");
        CHECK(fx.service.file(kAnne).value->at("alin")["employerValidated"] == false);

        // Optional fields may stay empty; today is not the future.
        EmployerInput minimal;
        minimal.employerName = "  Boulangerie   Porte ";
        minimal.hireDate = "2025-06-15";
        auto ok = fx.service.saveEmployer(kAnne, minimal);
        REQUIRE(ok.ok());
        CHECK(ok.value->at("alin")["employerName"] == "Boulangerie Porte");
        CHECK(ok.value->at("alin")["hireDate"] == "2025-06-15");
        CHECK(ok.value->at("alin")["employerValidated"] == true);

        auto full = fx.service.saveEmployer(kAnne, Fixture::goodEmployer());
        REQUIRE(full.ok());
        const Json& alin = full.value->at("alin");
        CHECK(alin["hireDate"] == "2020-01-15");  // French date stored as ISO
        CHECK(alin["companyCode"] == "ACLOG75");
        CHECK(alin["matricule"] == "M-00042");
        CHECK(alin["cdii"] == "no");
    }

    TEST_CASE("employer: the SIRET comes from the registry, per attachTo, and must be valid") {
        Fixture fx;
        RegistryRequest r = fx.registry(kPorte);
        r.coApplicant->employerSiret = "11122211111111";  // the guide's second screenshot: not Luhn-valid
        fx.putRegistry(r);
        fx.import();

        EmployerInput toDenis = Fixture::goodEmployer();
        toDenis.attachTo = "coApplicant";
        auto bad = fx.service.saveEmployer(kAnne, toDenis);
        REQUIRE_FALSE(bad.ok());
        REQUIRE(errorAt(*bad.error, "employerSiret") != nullptr);
        CHECK(errorAt(*bad.error, "employerSiret")->code == "checksum");
        CHECK(errorAt(*bad.error, "employerSiret")->message ==
              "Le N° SIRET de l'employeur est invalide\u00A0: corrigez-le sur votre site d'enregistrement.");

        auto toAnne = fx.service.saveEmployer(kAnne, Fixture::goodEmployer());
        REQUIRE(toAnne.ok());
        CHECK(toAnne.value->at("alin")["employerSiret"] == "82454114802432");

        // A request without co-applicant offers the applicant only.
        Fixture solo;
        solo.import(kAnne, kLegacy, kLegacyMail);
        auto file = solo.service.file(kAnne);
        CHECK(file.value->at("alin")["attachOptions"].size() == 1);
        auto noCo = solo.service.saveEmployer(kAnne, toDenis);
        REQUIRE_FALSE(noCo.ok());
        CHECK(errorAt(*noCo.error, "attachTo") != nullptr);

        // No SIRET on the registration site.
        Fixture missing;
        RegistryRequest m = missing.registry(kPorte);
        m.applicant.employerSiret = "";
        missing.putRegistry(m);
        missing.import();
        auto none = missing.service.saveEmployer(kAnne, Fixture::goodEmployer());
        REQUIRE_FALSE(none.ok());
        CHECK(errorAt(*none.error, "employerSiret")->code == "required");
    }

    TEST_CASE("sharing, documents, validate: gating and step values") {
        Fixture fx;
        Json f = fx.import();
        CHECK(f["step"] == 1);

        auto early = fx.service.validate(kAnne);
        REQUIRE_FALSE(early.ok());
        CHECK(early.error->status == 422);
        CHECK(early.error->code == "incomplete");
        CHECK(early.error->details["step"] == 2);
        CHECK(early.error->details["missing"] == Json::array({"employer", "sharing", "documents"}));
        CHECK(early.error->message.find("Je valide l'entreprise") != std::string::npos);

        for (int bad : {0, 4, -1}) {
            auto r = fx.service.setSharing(kAnne, bad);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error->field == "choice");
        }
        auto shared = fx.service.setSharing(kAnne, 2);
        REQUIRE(shared.ok());
        CHECK(shared.value->at("alin")["sharingChoice"] == 2);
        CHECK(shared.value->at("step") == 2);

        REQUIRE(fx.service.saveEmployer(kAnne, Fixture::goodEmployer()).ok());
        CHECK(fx.service.file(kAnne).value->at("step") == 3);

        auto partial = fx.service.setDocuments(kAnne, {true, true, false, true});
        REQUIRE(partial.ok());
        CHECK(partial.value->at("documents")["avis_imposition"] == false);
        auto stillMissing = fx.service.validate(kAnne);
        REQUIRE_FALSE(stillMissing.ok());
        CHECK(stillMissing.error->details["missing"] == Json::array({"documents"}));
        CHECK(stillMissing.error->details["step"] == 3);

        REQUIRE(fx.service.setDocuments(kAnne, Fixture::allDocuments()).ok());
        fx.clock.advance(10);
        auto done = fx.service.validate(kAnne);
        REQUIRE(done.ok());
        CHECK(done.value->at("validated") == true);
        CHECK(done.value->at("validatedAt") == fx.clock.now());
        CHECK(done.value->at("step") == 4);
        // Again: unchanged.
        fx.clock.advance(10);
        CHECK(fx.service.validate(kAnne).value->at("validatedAt") == fx.clock.now() - 10);

        // The sharing choice can change from the dashboard: still validated.
        auto changed = fx.service.setSharing(kAnne, 3);
        REQUIRE(changed.ok());
        CHECK(changed.value->at("step") == 4);
        // Unticking a document withdraws the validation.
        auto untick = fx.service.setDocuments(kAnne, {true, false, true, true});
        REQUIRE(untick.ok());
        CHECK(untick.value->at("validated") == false);
        CHECK(untick.value->at("step") == 3);

        // Step 2 by documents alone.
        Fixture other;
        other.import();
        REQUIRE(other.service.setDocuments(kAnne, {true, false, false, false}).ok());
        CHECK(other.service.file(kAnne).value->at("step") == 2);

        // Without a file.
        Fixture none;
        CHECK(none.service.validate(kAnne).error->code == "no_request");
        CHECK(none.service.setSharing(kAnne, 1).error->status == 404);
        CHECK(none.service.setDocuments(kAnne, {}).error->code == "no_request");
        CHECK(none.service.saveEmployer(kAnne, Fixture::goodEmployer()).error->code == "no_request");
        CHECK(none.service.file(kAnne).error->code == "no_request");
    }

    TEST_CASE("refresh: unchanged, then changed on the registration site") {
        Fixture fx;
        fx.import();
        fx.clock.advance(3600);
        auto same = fx.service.refresh(kAnne);
        REQUIRE(same.ok());
        CHECK(same.value->changed == false);
        CHECK(same.value->file["refreshedAt"] == fx.clock.now());

        RegistryRequest r = fx.registry(kPorte);
        r.applicant.phone = "+33611223344";
        r.typologies = {3, 4, 5};
        r.documents.pop_back();  // "motif" withdrawn
        fx.putRegistry(r);
        fx.clock.advance(60);
        auto changed = fx.service.refresh(kAnne);
        REQUIRE(changed.ok());
        CHECK(changed.value->changed == true);
        CHECK(changed.value->file["registry"]["applicant"]["phone"] == "+33611223344");
        CHECK(changed.value->file["registry"]["typologies"] == Json::array({"T3", "T4", "T5"}));
        CHECK(changed.value->file["deposited"]["motif"] == false);
        CHECK(changed.value->file["refreshedAt"] == fx.clock.now());
        CHECK(fx.service.file(kAnne).value->at("registry")["applicant"]["phone"] == "+33611223344");
        // An accent or case fix is not an identity change.
        r.applicant.firstName = "ANNE";
        fx.putRegistry(r);
        CHECK(fx.service.refresh(kAnne).ok());

        Fixture none;
        CHECK(none.service.refresh(kAnne).error->code == "no_request");
    }

    TEST_CASE("refresh: name, first name or birth date no longer matching (identity_mismatch)") {
        const char* what[] = {"lastName", "firstName", "birthDate", "birthName"};
        for (const char* field : what) {
            CAPTURE(field);
            Fixture fx;
            fx.import();
            const Json before = *fx.service.file(kAnne).value;
            RegistryRequest r = fx.registry(kPorte);
            if (std::string(field) == "lastName") r.applicant.lastName = "MARTIN";
            if (std::string(field) == "firstName") r.applicant.firstName = "Annie";
            if (std::string(field) == "birthDate") r.applicant.birthDate = "1989-05-20";
            if (std::string(field) == "birthName") r.applicant.birthName = "DUPONT";
            r.applicant.phone = "+33700000000";
            fx.putRegistry(r);
            fx.clock.advance(60);
            auto refreshed = fx.service.refresh(kAnne);
            REQUIRE_FALSE(refreshed.ok());
            CHECK(refreshed.error->status == 409);
            CHECK(refreshed.error->code == "identity_mismatch");
            CHECK(refreshed.error->message ==
                  "Les nom, prénom ou date de naissance de votre demande ne correspondent plus\u00A0: supprimez votre "
                  "demande sur AL'in puis importez-la à nouveau.");
            CHECK(*fx.service.file(kAnne).value == before);  // nothing changed
        }
    }

    TEST_CASE("refresh: a new SIRET for the attached person asks to validate the employer again") {
        Fixture fx;
        fx.import();
        REQUIRE(fx.service.saveEmployer(kAnne, Fixture::goodEmployer()).ok());
        REQUIRE(fx.service.setSharing(kAnne, 1).ok());
        REQUIRE(fx.service.setDocuments(kAnne, Fixture::allDocuments()).ok());
        REQUIRE(fx.service.validate(kAnne).ok());

        // The co-applicant's SIRET changes: Anne's file stays validated.
        RegistryRequest r = fx.registry(kPorte);
        r.coApplicant->employerSiret = "82454114802432";
        fx.putRegistry(r);
        auto other = fx.service.refresh(kAnne);
        REQUIRE(other.ok());
        CHECK(other.value->file["step"] == 4);

        r.applicant.employerSiret = "73282932000074";
        fx.putRegistry(r);
        auto mine = fx.service.refresh(kAnne);
        REQUIRE(mine.ok());
        CHECK(mine.value->file["alin"]["employerValidated"] == false);
        CHECK(mine.value->file["validated"] == false);
        CHECK(mine.value->file["step"] == 2);
        CHECK(mine.value->file["alin"]["employerSiret"] == "73282932000074");
    }

    TEST_CASE("legacy: an import verified by its code is never asked the code again (issue 11 item 7)") {
        Fixture fx;
        Json f = fx.import(kAnne, kLegacy, kLegacyMail);
        CHECK(f["createdOn"] == "2020-07-15");
        CHECK(f["legacy"] == false);  // the import code was the verification the guide asks for
        fx.clock.advance(60);
        auto first = fx.service.refresh(kAnne);
        REQUIRE(first.ok());
        fx.clock.advance(60);
        auto second = fx.service.refresh(kAnne);
        REQUIRE(second.ok());
        CHECK(second.value->file["legacy"] == false);
    }

    TEST_CASE("legacy: a file created on AL'in before 20/04/2021 needs the code once, then one click") {
        Fixture fx;
        fx.import(kAnne, kLegacy, kLegacyMail);
        fx.makeLegacy(kAnne);
        Json f = *fx.service.file(kAnne).value;
        CHECK(f["legacy"] == true);

        auto refused = fx.service.refresh(kAnne);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error->status == 409);
        CHECK(refused.error->code == "code_required");

        // The refresh code, not the import one.
        auto sent = fx.service.sendRefreshCode(kAnne);
        REQUIRE(sent.ok());
        CHECK(sent.value->maskedEmail == "ju***@example.fr");
        const std::string code = fx.lastCode(kLegacyMail);
        auto wrong = fx.service.confirmRefresh(kAnne, code == "AAAAAA" ? "BBBBBB" : "AAAAAA");
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.error->code == "code_invalid");
        CHECK(wrong.error->details["attemptsLeft"] == 4);
        CHECK(fx.service.file(kAnne).value->at("legacy") == true);

        fx.clock.advance(120);
        auto confirmed = fx.service.confirmRefresh(kAnne, code);
        REQUIRE(confirmed.ok());
        CHECK(confirmed.value->file["legacy"] == false);
        CHECK(confirmed.value->file["refreshedAt"] == fx.clock.now());
        // The code is spent.
        auto reuse = fx.service.confirmRefresh(kAnne, code);
        REQUIRE_FALSE(reuse.ok());
        CHECK(reuse.error->code == "code_invalid");

        // From now on, "Mettre à jour" is one click.
        fx.clock.advance(60);
        auto oneClick = fx.service.refresh(kAnne);
        REQUIRE(oneClick.ok());
        CHECK(oneClick.value->file["legacy"] == false);
    }

    TEST_CASE("legacy: identity mismatch after the code; expired refresh code") {
        Fixture fx;
        fx.import(kAnne, kLegacy, kLegacyMail);
        fx.makeLegacy(kAnne);
        RegistryRequest r = fx.registry(kLegacy);
        r.applicant.birthDate = "1984-11-04";
        fx.putRegistry(r);
        REQUIRE(fx.service.sendRefreshCode(kAnne).ok());
        auto mismatch = fx.service.confirmRefresh(kAnne, fx.lastCode(kLegacyMail));
        REQUIRE_FALSE(mismatch.ok());
        CHECK(mismatch.error->code == "identity_mismatch");
        CHECK(fx.service.file(kAnne).value->at("legacy") == true);

        REQUIRE(fx.service.sendRefreshCode(kAnne).ok());
        fx.clock.advance(24 * 3600);
        auto expired = fx.service.confirmRefresh(kAnne, fx.lastCode(kLegacyMail));
        REQUIRE_FALSE(expired.ok());
        CHECK(expired.error->code == "code_invalid");
    }

    TEST_CASE("delete: the file and its codes go; the applicant may import again") {
        Fixture fx;
        fx.import(kAnne, kLegacy, kLegacyMail);
        REQUIRE(fx.service.sendRefreshCode(kAnne).ok());
        REQUIRE(fx.storage.latestVerificationCode(kAnne, "refresh"));
        REQUIRE(fx.service.remove(kAnne).ok());
        CHECK_FALSE(fx.service.file(kAnne).ok());
        CHECK_FALSE(fx.storage.latestVerificationCode(kAnne, "refresh"));
        CHECK_FALSE(fx.storage.latestVerificationCode(kAnne, "import"));
        CHECK(fx.service.remove(kAnne).error->code == "no_request");
        // Re-import: a fresh file.
        Json f = fx.import(kAnne, kPorte, kPorteMail);
        CHECK(f["step"] == 1);
    }

    TEST_CASE("departments: every department with its registration site") {
        Fixture fx;
        const Json& list = fx.service.departments()["departments"];
        CHECK(list.size() == testData().geography.departments().size());
        CHECK(list.size() >= 100);
        std::string previous;
        bool sawFinistere = false, sawParis = false;
        for (const Json& d : list) {
            const std::string code = d["code"];
            CHECK(code > previous);
            previous = code;
            if (code == "29") {
                sawFinistere = true;
                CHECK(d["name"] == "Finistère");
                CHECK(d["siteUrl"] == "https://www.demandelogement29.fr/imhowebGP29/");
                CHECK(d["national"] == false);
            }
            if (code == "75") {
                sawParis = true;
                CHECK(d["siteUrl"] == "https://www.demande-logement-social.gouv.fr");
                CHECK(d["national"] == true);
            }
        }
        CHECK(sawFinistere);
        CHECK(sawParis);
    }

    TEST_CASE("registry stand-in: get, put (upsert, checks), load, list") {
        Fixture fx;
        auto got = fx.service.registryRequest("11109 20621114aclog");
        REQUIRE(got.ok());
        CHECK(got.value->at("applicant")["lastName"] == "PORTE");
        CHECK(fx.service.registryRequest("999999999999999ZZZ").error->status == 404);

        Json edited = *got.value;
        edited["applicant"]["phone"] = "+33699999999";
        auto put = fx.service.putRegistryRequest(kPorte, edited);
        REQUIRE(put.ok());
        CHECK(put.value->at("created") == false);
        CHECK(fx.registry(kPorte).applicant.phone == "+33699999999");

        Json fresh = edited;
        fresh.erase("numeroUnique");
        auto created = fx.service.putRegistryRequest("111092062111400001", fresh);
        REQUIRE(created.ok());
        CHECK(created.value->at("created") == true);
        CHECK(fx.registry("111092062111400001").applicant.lastName == "PORTE");

        auto mismatch = fx.service.putRegistryRequest(kLegacy, edited);
        REQUIRE_FALSE(mismatch.ok());
        CHECK(mismatch.error->status == 422);
        Json broken = edited;
        broken["applicant"]["birthDate"] = 19890519;
        auto invalid = fx.service.putRegistryRequest(kPorte, broken);
        REQUIRE_FALSE(invalid.ok());
        CHECK(invalid.error->code == "validation");
        CHECK(invalid.error->message.find("birthDate") != std::string::npos);

        Json one = edited;
        one["numeroUnique"] = "111092062111400002";
        auto loaded = fx.service.loadRegistryRequests({{"requests", Json::array({one})}});
        REQUIRE(loaded.ok());
        CHECK(loaded.value->at("loaded") == 1);
        CHECK(fx.service.loadRegistryRequests(Json::array({one, broken})).error->code == "validation");
        CHECK(fx.service.loadRegistryRequests(Json("x")).error->status == 400);

        Json list = fx.service.listRegistryRequests(0, 2);
        CHECK(list["total"] == 4);
        CHECK(list["requests"].size() == 2);
        CHECK(list["requests"][0]["numeroUnique"] == kLegacy);  // Numéro Unique order
        CHECK(list["requests"][1]["numeroUnique"] == "111092062111400001");
        CHECK(fx.service.listRegistryRequests(3, 50)["requests"].size() == 1);
    }

    TEST_CASE("seedRegistryIfEmpty stores the 240 requests once") {
        MemoryStorage storage;
        CHECK(seedRegistryIfEmpty(storage, testData().geography, 5) == 240);
        CHECK(storage.countRegistryRequests() == 240);
        CHECK(storage.findRegistryRequest(kPorte));
        CHECK(storage.findRegistryRequest(kLegacy));
        CHECK(seedRegistryIfEmpty(storage, testData().geography, 6) == 0);
    }

    TEST_CASE("maskNir") {
        CHECK(RequestFileService::maskNir("289057511402397") == "2 89 05 75 *** *** **");
        CHECK(RequestFileService::maskNir("185072A00412345") == "1 85 07 2A *** *** **");
        CHECK(RequestFileService::maskNir("") == "");
        CHECK(RequestFileService::maskNir("12345") == "*** *** **");
    }

    TEST_CASE("loadServiceData: clear errors") {
        const std::string geo = readText("build-assets/geo/geo.bin");
        const std::string ceilings = readText("assets/data/income_ceilings.json");
        const std::string sites = readText("assets/data/registration_sites.json");
        CHECK_NOTHROW(loadServiceData(geo, ceilings, sites, ""));
        CHECK_THROWS_WITH_AS(loadServiceData("", ceilings, sites, ""), doctest::Contains("geo.bin"), ServiceDataError);
        CHECK_THROWS_WITH_AS(loadServiceData("garbage", ceilings, sites, ""), doctest::Contains("geo.bin"),
                             ServiceDataError);
        CHECK_THROWS_WITH_AS(loadServiceData(geo, "{}", sites, ""), doctest::Contains("income_ceilings.json"),
                             ServiceDataError);
        CHECK_THROWS_WITH_AS(loadServiceData(geo, ceilings, "[]", ""), doctest::Contains("registration_sites.json"),
                             ServiceDataError);
        CHECK_THROWS_WITH_AS(loadServiceData(geo, ceilings, sites, "{\"ranges\": 3}"),
                             doctest::Contains("typologies.json"), ServiceDataError);
    }

    TEST_CASE("MemoryStorage: request files, codes and registry survive snapshot/restore") {
        Fixture fx;
        fx.import();
        REQUIRE(fx.service.saveEmployer(kAnne, Fixture::goodEmployer()).ok());
        REQUIRE(fx.service.startImport(kOther, kLegacy).ok());
        const Json before = *fx.service.file(kAnne).value;

        MemoryStorage copy;
        copy.restore(fx.storage.snapshot());
        CHECK(copy.snapshot() == fx.storage.snapshot());
        RequestFileService again(copy, fx.clock, fx.mail, fx.config, testData());
        CHECK(*again.file(kAnne).value == before);
        CHECK(again.confirmImport(kOther, kLegacy, fx.lastCode(kLegacyMail)).ok());
        CHECK(copy.countRegistryRequests() == 2);

        // An older snapshot without these keys restores to empty tables.
        Json old = fx.storage.snapshot();
        old.erase("registry");
        old.erase("requestFiles");
        old.erase("verificationCodes");
        MemoryStorage legacy;
        legacy.restore(old);
        CHECK(legacy.countRegistryRequests() == 0);
        CHECK_FALSE(legacy.findRequestFileOfUser(kAnne));
        // Duplicates (same user or same number) are dropped on restore.
        Json dup = fx.storage.snapshot();
        Json second = dup["requestFiles"][0];
        second["id"] = 99;
        second["userId"] = 7;
        dup["requestFiles"].push_back(second);
        MemoryStorage deduped;
        deduped.restore(dup);
        CHECK_FALSE(deduped.findRequestFileOfUser(7));
        // A new request file needs its user (the in-memory storage enforces the
        // foreign key as SQLite does).
        UserRecord other;
        other.email = "autre.demandeur@example.fr";
        other.birthName = "AUTRE";
        other.firstName = "Claire";
        other.phone = "+33612345678";
        other.createdAt = other.consentAt = 1'700'000'000;
        const int64_t otherId = deduped.insertUser(other);
        CHECK(deduped.insertRequestFile([otherId] {
            RequestFileRecord f;
            f.userId = otherId;
            f.numeroUnique = "AAAAAAAAAAAAAAAAAA";
            return f;
        }()) == 2);  // ids never go backwards
        CHECK_THROWS(deduped.insertRequestFile(*deduped.findRequestFileOfUser(kAnne)));
    }
}

// ---------------------------------------------------------------- router

namespace {

class FastHasher final : public PasswordHasher {
public:
    std::string hash(const std::string& password) override { return inner.hash(password); }
    bool verify(const std::string& encoded, const std::string& password) override {
        return inner.verify(encoded, password);
    }
    SodiumPasswordHasher inner{1, 8 * 1024};
};

struct Api : Fixture {
    FastHasher hasher;
    AccountService accounts{storage, clock, mail, hasher, config};
    ApiRouter router{Services{accounts, &service}, config};
    std::string cookie;

    ApiResponse call(const std::string& method, const std::string& path, Json body = nullptr,
                     std::map<std::string, std::string> query = {}) {
        ApiRequest r;
        r.method = method;
        r.path = path;
        r.body = std::move(body);
        r.sessionToken = cookie;
        r.clientAddress = "192.0.2.1";
        r.query = std::move(query);
        return router.handle(r);
    }

    void signIn() {
        SignupInput in{"Porte", "Anne", "06 04 50 57 92", "anne.compte@yopmail.com", true};
        REQUIRE(accounts.signup(in).ok());
        const std::string url = storage.listMailTo("anne.compte@yopmail.com").front().links[0]["url"];
        REQUIRE(accounts.setPassword(url.substr(url.rfind('/') + 1), "Logement2025", "Logement2025").ok());
        auto r = call("POST", "/api/v1/session", {{"email", "anne.compte@yopmail.com"}, {"password", "Logement2025"}});
        REQUIRE(r.status == 200);
        cookie = *r.setSessionToken;
    }
};

}  // namespace

TEST_SUITE("ApiRouter request routes") {
    TEST_CASE("behind login, except GET /departments") {
        Api api;
        CHECK(api.call("GET", "/api/v1/departments").status == 200);
        for (auto [method, path] : {std::pair{"GET", "/api/v1/request"},
                                    {"POST", "/api/v1/request/import"},
                                    {"PUT", "/api/v1/request/employer"},
                                    {"POST", "/api/v1/request/refresh"},
                                    {"DELETE", "/api/v1/request"}}) {
            CAPTURE(path);
            auto r = api.call(method, path, Json::object());
            CHECK(r.status == 401);
            CHECK(r.body["code"] == "unauthenticated");
        }
        CHECK(api.call("PUT", "/api/v1/request/import", Json::object()).status == 405);
        CHECK(api.call("GET", "/api/v1/request/nothing").status == 404);
    }

    TEST_CASE("the whole journey through the router") {
        Api api;
        api.signIn();
        CHECK(api.call("GET", "/api/v1/request").body["code"] == "no_request");
        auto bad = api.call("POST", "/api/v1/request/import", {{"numeroUnique", "123"}});
        CHECK(bad.status == 422);
        CHECK(bad.body["field"] == "numeroUnique");
        CHECK(api.call("POST", "/api/v1/request/import", {{"numeroUnique", 42}}).status == 400);

        auto sent = api.call("POST", "/api/v1/request/import", {{"numeroUnique", kPorte}});
        REQUIRE(sent.status == 202);
        CHECK(sent.body == Json{{"maskedEmail", "an***@example.fr"}, {"expiresInHours", 24}});
        auto wrong = api.call("POST", "/api/v1/request/import/confirm", {{"numeroUnique", kPorte}, {"code", "ZZZZZZ"}});
        CHECK(wrong.status == 422);
        CHECK(wrong.body["code"] == "code_invalid");
        CHECK(wrong.body["field"] == "code");
        CHECK(wrong.body["attemptsLeft"] == 4);
        auto confirmed = api.call("POST", "/api/v1/request/import/confirm",
                                  {{"numeroUnique", kPorte}, {"code", api.lastCode(kPorteMail)}});
        REQUIRE(confirmed.status == 200);
        CHECK(confirmed.body["file"]["step"] == 1);

        auto employer = api.call("PUT", "/api/v1/request/employer",
                                 {{"employerName", ""}, {"hireDate", "2099-01-01"}, {"attachTo", "applicant"}});
        CHECK(employer.status == 422);
        CHECK(employer.body["errors"].size() == 2);
        CHECK(api.call("PUT", "/api/v1/request/employer", {{"employerName", "ACME"}, {"cdii", true}}).status == 400);
        REQUIRE(api.call("PUT", "/api/v1/request/employer", {{"employerName", "ACME"}}).status == 200);
        CHECK(api.call("PUT", "/api/v1/request/sharing", {{"choice", "2"}}).status == 422);
        REQUIRE(api.call("PUT", "/api/v1/request/sharing", {{"choice", 2}}).status == 200);
        auto incomplete = api.call("POST", "/api/v1/request/validate");
        CHECK(incomplete.status == 422);
        CHECK(incomplete.body["code"] == "incomplete");
        CHECK(incomplete.body["step"] == 3);
        REQUIRE(api.call("PUT", "/api/v1/request/documents",
                         {{"identite", true}, {"ressources", true}, {"avis_imposition", true}, {"motif", true}})
                    .status == 200);
        auto done = api.call("POST", "/api/v1/request/validate", Json::object());
        REQUIRE(done.status == 200);
        CHECK(done.body["file"]["step"] == 4);
        auto refreshed = api.call("POST", "/api/v1/request/refresh");
        REQUIRE(refreshed.status == 200);
        CHECK(refreshed.body["changed"] == false);
        auto removed = api.call("DELETE", "/api/v1/request");
        CHECK(removed.status == 200);
        CHECK(removed.body["message"] == "Votre demande a été supprimée d'AL'in. Vous pouvez l'importer à nouveau.");
        CHECK(api.call("GET", "/api/v1/request").status == 404);
    }

    TEST_CASE("without the service: 503 while the demo data loads") {
        Api api;
        ApiRouter bare(api.accounts, api.config);
        ApiRequest r;
        r.method = "GET";
        r.path = "/api/v1/departments";
        auto loading = bare.handle(r);
        CHECK(loading.status == 503);
        CHECK(loading.body["code"] == "unavailable");
        CHECK(loading.body["message"] == "Les données de démonstration sont en cours de chargement.");
        api.signIn();
        r.path = "/api/v1/request";
        r.sessionToken = api.cookie;
        CHECK(bare.handle(r).status == 503);
        bare.setRequestFiles(&api.service);
        CHECK(bare.handle(r).status == 404);  // no_request: the service answers
        r.path = "/api/v1/departments";
        CHECK(bare.handle(r).status == 200);
    }

    TEST_CASE("registry stand-in routes: only when registryAdmin") {
        Api api;
        auto got = api.call("GET", "/api/v1/registry/requests/" + kPorte);
        REQUIRE(got.status == 200);
        Json edited = got.body;
        edited["applicant"]["phone"] = "+33700000001";
        CHECK(api.call("PUT", "/api/v1/registry/requests/" + kPorte, edited).status == 200);
        CHECK(api.call("GET", "/api/v1/registry/requests/" + kPorte).body["applicant"]["phone"] == "+33700000001");
        auto list = api.call("GET", "/api/v1/registry/requests", nullptr, {{"limit", "1"}});
        CHECK(list.status == 200);
        CHECK(list.body["total"] == 2);
        CHECK(list.body["requests"].size() == 1);
        CHECK(api.call("DELETE", "/api/v1/registry/requests/" + kPorte).status == 405);
        api.config.registryAdmin = false;
        CHECK(api.call("GET", "/api/v1/registry/requests/" + kPorte).status == 404);
        CHECK(api.call("POST", "/api/v1/registry/requests", Json::array()).status == 404);
    }
}
