// SqliteStorage: the tables of migration 0003_request_files (registry stand-in,
// request files, verification codes), their constraints, and the request-file
// service running on SQLite.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "app/request_file_service.h"
#include "demo_data/registry_seed.h"
#include "migrations.h"
#include "reference/service_data.h"
#include "sqlite_storage.h"

using namespace alin;
using alin::server::SqliteStorage;
using alin::server::StorageError;
namespace fs = std::filesystem;

namespace {

struct TempDb {
    fs::path dir;
    TempDb() {
        std::string pattern = (fs::temp_directory_path() / "alin-sqlite-files-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
    }
    ~TempDb() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string path() const { return (dir / "alin.db").string(); }
};

int64_t addUser(SqliteStorage& db, const std::string& email) {
    UserRecord u;
    u.email = email;
    u.birthName = "Porte";
    u.firstName = "Anne";
    u.phone = "+33604505792";
    u.createdAt = 1'700'000'000;
    return db.insertUser(u);
}

RequestFileRecord sampleFile(int64_t userId, const std::string& nu = "1110920621114ACLOG") {
    RequestFileRecord f;
    f.userId = userId;
    f.numeroUnique = nu;
    f.snapshot = {{"numeroUnique", nu}, {"applicant", {{"lastName", "PORTE"}, {"nir", "289057511402397"}}}};
    f.importedAt = 1'700'000'000;
    f.refreshedAt = 1'700'000'100;
    f.legacy = true;
    f.employerName = "Boulangerie Porte & Fils — Société";
    f.companyCode = "ACLOG75";
    f.matricule = "M-42";
    f.hireDate = "2020-01-15";
    f.cdii = "no";
    f.attachTo = "coApplicant";
    f.employerValidated = true;
    f.sharingChoice = 2;
    f.docIdentity = true;
    f.docResources = false;
    f.docTaxNotices = true;
    f.docMotive = false;
    f.validatedAt = 0;
    return f;
}

void checkSame(const RequestFileRecord& a, const RequestFileRecord& b) {
    CHECK(a.userId == b.userId);
    CHECK(a.numeroUnique == b.numeroUnique);
    CHECK(a.snapshot == b.snapshot);
    CHECK(a.importedAt == b.importedAt);
    CHECK(a.refreshedAt == b.refreshedAt);
    CHECK(a.legacy == b.legacy);
    CHECK(a.employerName == b.employerName);
    CHECK(a.companyCode == b.companyCode);
    CHECK(a.matricule == b.matricule);
    CHECK(a.hireDate == b.hireDate);
    CHECK(a.cdii == b.cdii);
    CHECK(a.attachTo == b.attachTo);
    CHECK(a.employerValidated == b.employerValidated);
    CHECK(a.sharingChoice == b.sharingChoice);
    CHECK(a.docIdentity == b.docIdentity);
    CHECK(a.docResources == b.docResources);
    CHECK(a.docTaxNotices == b.docTaxNotices);
    CHECK(a.docMotive == b.docMotive);
    CHECK(a.validatedAt == b.validatedAt);
}

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

}  // namespace

TEST_SUITE("SqliteStorage request files") {
    TEST_CASE("migration 0003 is the latest and creates the three tables") {
        TempDb t;
        SqliteStorage db(t.path());
        CHECK(db.schemaVersion() >= 3);
        bool found = false;
        for (const auto& m : alin::server::migrations()) found = found || std::string(m.name) == "0003_request_files";
        CHECK(found);
    }

    TEST_CASE("registry requests: upsert, find, count, list in Numéro Unique order") {
        TempDb t;
        SqliteStorage db(t.path());
        CHECK(db.countRegistryRequests() == 0);
        CHECK_FALSE(db.findRegistryRequest("1110920621114ACLOG"));
        db.upsertRegistryRequest("1110920621114ACLOG", {{"numeroUnique", "1110920621114ACLOG"}, {"v", 1}}, 10);
        db.upsertRegistryRequest("1110720020439G1175", {{"numeroUnique", "1110720020439G1175"}, {"v", "é"}}, 10);
        db.upsertRegistryRequest("1110920621114ACLOG", {{"numeroUnique", "1110920621114ACLOG"}, {"v", 2}}, 11);
        CHECK(db.countRegistryRequests() == 2);
        CHECK((*db.findRegistryRequest("1110920621114ACLOG"))["v"] == 2);
        CHECK((*db.findRegistryRequest("1110720020439G1175"))["v"] == "é");
        auto all = db.listRegistryRequests(0, 10);
        REQUIRE(all.size() == 2);
        CHECK(all[0]["numeroUnique"] == "1110720020439G1175");
        auto second = db.listRegistryRequests(1, 10);
        REQUIRE(second.size() == 1);
        CHECK(second[0]["numeroUnique"] == "1110920621114ACLOG");
        CHECK(db.listRegistryRequests(0, 0).empty());
    }

    TEST_CASE("request files: insert, find by user and number, update, delete") {
        TempDb t;
        SqliteStorage db(t.path());
        const int64_t anne = addUser(db, "anne@example.fr");
        const RequestFileRecord f = sampleFile(anne);
        const int64_t id = db.insertRequestFile(f);
        CHECK(id > 0);
        auto byUser = db.findRequestFileOfUser(anne);
        REQUIRE(byUser);
        CHECK(byUser->id == id);
        checkSame(*byUser, f);
        auto byNu = db.findRequestFileByNumero("1110920621114ACLOG");
        REQUIRE(byNu);
        CHECK(byNu->userId == anne);

        RequestFileRecord changed = *byUser;
        changed.legacy = false;
        changed.sharingChoice = 3;
        changed.docResources = true;
        changed.docMotive = true;
        changed.validatedAt = 1'700'000'500;
        changed.snapshot["applicant"]["phone"] = "+33611223344";
        changed.attachTo = "applicant";
        changed.cdii = "";
        db.updateRequestFile(changed);
        checkSame(*db.findRequestFileOfUser(anne), changed);

        db.deleteRequestFileOfUser(anne);
        CHECK_FALSE(db.findRequestFileOfUser(anne));
        CHECK_FALSE(db.findRequestFileByNumero("1110920621114ACLOG"));
    }

    TEST_CASE("request files: one per user, one per Numéro Unique, checked values, cascade") {
        TempDb t;
        SqliteStorage db(t.path());
        const int64_t anne = addUser(db, "anne@example.fr");
        const int64_t denis = addUser(db, "denis@example.fr");
        db.insertRequestFile(sampleFile(anne));
        try {
            db.insertRequestFile(sampleFile(anne, "1110720020439G1175"));
            FAIL("a second file for the same user was accepted");
        } catch (const StorageError& e) {
            CHECK(e.constraint);
        }
        try {
            db.insertRequestFile(sampleFile(denis));
            FAIL("a second file for the same number was accepted");
        } catch (const StorageError& e) {
            CHECK(e.constraint);
        }
        RequestFileRecord bad = sampleFile(denis, "1110720020439G1175");
        bad.sharingChoice = 4;
        CHECK_THROWS_AS(db.insertRequestFile(bad), StorageError);
        bad.sharingChoice = 1;
        bad.attachTo = "spouse";
        CHECK_THROWS_AS(db.insertRequestFile(bad), StorageError);
        CHECK_THROWS_AS(db.insertRequestFile(sampleFile(9999, "1110720020439G1175")), StorageError);  // no such user
        db.insertRequestFile(sampleFile(denis, "1110720020439G1175"));
        CHECK(db.findRequestFileOfUser(denis));
    }

    TEST_CASE("verification codes: latest, update, revoke, count, delete") {
        TempDb t;
        SqliteStorage db(t.path());
        const int64_t anne = addUser(db, "anne@example.fr");
        const int64_t denis = addUser(db, "denis@example.fr");
        CHECK_FALSE(db.latestVerificationCode(anne, "import"));
        VerificationCodeRecord c;
        c.userId = anne;
        c.purpose = "import";
        c.numeroUnique = "1110920621114ACLOG";
        c.codeHash = std::string(64, 'a');
        c.sentTo = "anne.porte@example.fr";
        c.createdAt = 100;
        c.expiresAt = 100 + 86400;
        const int64_t first = db.insertVerificationCode(c);
        c.codeHash = std::string(64, 'b');
        c.createdAt = 200;
        const int64_t second = db.insertVerificationCode(c);
        CHECK(second > first);
        VerificationCodeRecord other = c;
        other.userId = denis;
        db.insertVerificationCode(other);
        c.purpose = "refresh";
        c.createdAt = 300;
        db.insertVerificationCode(c);

        auto latest = db.latestVerificationCode(anne, "import");
        REQUIRE(latest);
        CHECK(latest->id == second);
        CHECK(latest->codeHash == std::string(64, 'b'));
        CHECK(latest->sentTo == "anne.porte@example.fr");
        CHECK(latest->numeroUnique == "1110920621114ACLOG");
        CHECK(latest->expiresAt == 100 + 86400);
        CHECK(latest->failedAttempts == 0);
        CHECK(latest->usedAt == 0);

        latest->failedAttempts = 3;
        latest->usedAt = 250;
        latest->codeHash = "ignored";  // only the attempts and usedAt are saved
        db.updateVerificationCode(*latest);
        auto again = db.latestVerificationCode(anne, "import");
        CHECK(again->failedAttempts == 3);
        CHECK(again->usedAt == 250);
        CHECK(again->codeHash == std::string(64, 'b'));

        CHECK(db.countVerificationCodesSince(anne, "import", 0) == 2);
        CHECK(db.countVerificationCodesSince(anne, "import", 150) == 1);
        CHECK(db.countVerificationCodesSince(anne, "refresh", 0) == 1);

        db.revokeVerificationCodes(anne, "refresh", 400);
        CHECK(db.latestVerificationCode(anne, "refresh")->usedAt == 400);
        CHECK(db.latestVerificationCode(denis, "import")->usedAt == 0);  // another user's untouched
        c.purpose = "other";
        CHECK_THROWS_AS(db.insertVerificationCode(c), StorageError);  // CHECK (purpose IN ...)

        db.deleteVerificationCodesOfUser(anne);
        CHECK_FALSE(db.latestVerificationCode(anne, "import"));
        CHECK_FALSE(db.latestVerificationCode(anne, "refresh"));
        CHECK(db.latestVerificationCode(denis, "import"));
    }

    TEST_CASE("the request-file service on SQLite: seed, import, reopen, nu_taken") {
        TempDb t;
        const ServiceData data =
            loadServiceData(readText("build-assets/geo/geo.bin"), readText("assets/data/income_ceilings.json"),
                            readText("assets/data/registration_sites.json"), readText("assets/data/typologies.json"));
        ServiceConfig config;
        ManualClock clock(1'750'000'000);
        int64_t anne = 0, denis = 0;
        {
            SqliteStorage db(t.path());
            CHECK(seedRegistryIfEmpty(db, data.geography, clock.now()) == 240);
            anne = addUser(db, "anne@example.fr");
            denis = addUser(db, "denis@example.fr");
            OutboxTransport mail(db);
            RequestFileService service(db, clock, mail, config, data);
            REQUIRE(service.startImport(anne, std::string(kGuideExamplePorteNu)).ok());
            const std::string code = db.listMailTo(std::string(kGuideExamplePorteEmail)).front().codes[0];
            auto file = service.confirmImport(anne, std::string(kGuideExamplePorteNu), code);
            REQUIRE(file.ok());
            CHECK(file.value->at("registry")["applicant"]["nir"] == "2 89 05 75 *** *** **");
        }
        {
            SqliteStorage db(t.path());  // reopened: seeded once, file kept
            CHECK(seedRegistryIfEmpty(db, data.geography, clock.now()) == 0);
            CHECK(db.countRegistryRequests() == 240);
            OutboxTransport mail(db);
            RequestFileService service(db, clock, mail, config, data);
            auto file = service.file(anne);
            REQUIRE(file.ok());
            CHECK(file.value->at("numeroUnique") == kGuideExamplePorteNu);
            auto taken = service.startImport(denis, std::string(kGuideExamplePorteNu));
            REQUIRE_FALSE(taken.ok());
            CHECK(taken.error->code == "nu_taken");
            // Deleting the account deletes its file (ON DELETE CASCADE).
            sqlite3* raw = nullptr;
            REQUIRE(sqlite3_open(t.path().c_str(), &raw) == SQLITE_OK);
            sqlite3_exec(raw, "PRAGMA foreign_keys = ON; DELETE FROM users WHERE email = 'anne@example.fr'", nullptr,
                         nullptr, nullptr);
            sqlite3_close(raw);
            CHECK_FALSE(db.findRequestFileByNumero(std::string(kGuideExamplePorteNu)));
        }
    }
}
