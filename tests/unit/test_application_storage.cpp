// Storage of offers and applications (migration 0004_offers_applications and
// MemoryStorage): THE RULE OF ONE as a uniqueness constraint of both storages,
// also under fifty concurrent insertions; the CHECK tying `active` to the stage;
// listing filters; added offers' ids; offer states; users' organisation and
// SIRET; the JSON snapshot of the demo mode.
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "sqlite_storage.h"
#include "storage/memory_storage.h"

using namespace alin;
using alin::server::SqliteStorage;
using alin::server::StorageError;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

struct TempDb {
    fs::path dir;
    TempDb() {
        std::string pattern = (fs::temp_directory_path() / "alin-sqlite-apps-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
    }
    ~TempDb() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string path() const { return (dir / "alin.db").string(); }
};

int64_t addUser(Storage& db, const std::string& email, const std::string& role = "applicant") {
    UserRecord u;
    u.email = email;
    u.birthName = "PORTE";
    u.firstName = "Anne";
    u.phone = "+33604505792";
    u.role = role;
    u.organisation = role == "landlord" ? "Paris Habitat" : "";
    u.siret = role == "employer" ? "82454114802432" : "";
    u.createdAt = 1'700'000'000;
    return db.insertUser(u);
}

ApplicationRecord application(int64_t user, int64_t offer, bool active = true) {
    ApplicationRecord a;
    a.userId = user;
    a.requestFileId = 1;
    // One request per applicant (the rule of one also holds per Numéro Unique).
    a.numeroUnique = user == 1 ? "1110920621114ACLOG" : "111092062111400" + std::to_string(100 + user);
    a.offerId = offer;
    a.stage = active ? "submitted" : "cancelled";
    a.active = active;
    a.requestCreatedAt = 1'630'000'000;
    a.createdAt = a.updatedAt = 1'700'000'000 + offer;
    a.events = Json::array({{{"at", 1'700'000'000}, {"event", "apply"}}});
    return a;
}

// The same checks on both storages.
void ruleOfOne(Storage& db) {
    const int64_t anne = addUser(db, "anne@example.fr");
    const int64_t other = addUser(db, "other@example.fr");
    const int64_t first = db.insertApplication(application(anne, 10));
    REQUIRE(first > 0);
    CHECK(db.insertApplication(application(anne, 11)) == 0);                   // a second active one: refused
    CHECK(db.insertApplication(application(anne, 10)) == 0);                   // even on the same offer
    CHECK(db.insertApplication(application(other, 11)) > 0);                   // another applicant: fine
    CHECK(db.insertApplication(application(anne, 12, /*active=*/false)) > 0);  // an ended one: fine

    // Inside a transaction the refusal leaves the transaction usable.
    int64_t inside = -1;
    db.transaction([&] {
        inside = db.insertApplication(application(anne, 13));
        db.upsertOfferState({13, 1, "", 1});
    });
    CHECK(inside == 0);
    CHECK(db.findOfferState(13)->applicationsAdded == 1);

    // Ending it frees the applicant at once.
    ApplicationRecord a = *db.findApplication(first);
    CHECK(db.findActiveApplicationOfUser(anne)->id == first);
    a.stage = "cancelled";
    a.active = false;
    a.unread = true;
    a.events.push_back({{"event", "cancel"}});
    db.updateApplication(a);
    CHECK_FALSE(db.findActiveApplicationOfUser(anne));
    const int64_t second = db.insertApplication(application(anne, 14));
    CHECK(second > first);
    // Re-activating the ended one would make two: refused.
    a.stage = "submitted";
    a.active = true;
    CHECK_THROWS(db.updateApplication(a));
    CHECK(db.findApplication(first)->active == false);
    CHECK(db.findApplication(first)->events.size() == 2);
    CHECK(db.findApplication(first)->unread);

    ApplicationQuery byUser;
    byUser.userId = anne;
    CHECK(db.listApplications(byUser).size() == 3);
    ApplicationQuery activeOnOffer;
    activeOnOffer.offerId = 11;
    activeOnOffer.activeOnly = true;
    CHECK(db.listApplications(activeOnOffer).size() == 1);
    ApplicationQuery all;
    CHECK(db.listApplications(all).size() == 4);
    ApplicationQuery sent;
    sent.minStep = 3;
    CHECK(db.listApplications(sent).empty());
    db.markApplicationsRead(anne);
    CHECK_FALSE(db.findApplication(first)->unread);
}

// Fifty threads insert an active application of the same applicant on fifty
// offers at once: exactly one insertion succeeds (the caller ends it between rounds).
void fiftyAtOnce(Storage& db, int64_t anne) {
    std::atomic<int> accepted{0}, refused{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < 50; ++i)
        threads.emplace_back([&, i] {
            while (!go) std::this_thread::yield();
            int64_t id = 0;
            db.transaction([&] { id = db.insertApplication(application(anne, 100 + i)); });
            (id > 0 ? accepted : refused)++;
        });
    go = true;
    for (auto& t : threads) t.join();
    CHECK(accepted == 1);
    CHECK(refused == 49);
}

void offers(Storage& db) {
    AddedOfferRecord o;
    o.offer = {{"landlord", "Paris Habitat"}, {"insee", "75056"}};
    o.createdBy = 3;
    o.createdAt = 1'700'000'000;
    const int64_t first = db.insertAddedOffer(o);
    CHECK(first == kFirstAddedOfferId);
    CHECK(db.insertAddedOffer(o) == kFirstAddedOfferId + 1);
    const auto listed = db.listAddedOffers();
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].offer["id"] == first);
    CHECK(listed[0].offer["landlord"] == "Paris Habitat");
    CHECK(listed[1].createdBy == 3);

    CHECK_FALSE(db.findOfferState(7));
    db.upsertOfferState({7, 2, "", 10});
    db.upsertOfferState({7, 3, "closed", 11});
    db.upsertOfferState({8, 1, "", 12});
    CHECK(db.findOfferState(7)->applicationsAdded == 3);
    CHECK(db.findOfferState(7)->status == "closed");
    CHECK(db.listOfferStates().size() == 2);

    const int64_t landlord = addUser(db, "bailleur@example.fr", "landlord");
    const int64_t employer = addUser(db, "employeur@example.fr", "employer");
    CHECK(db.findUserById(landlord)->organisation == "Paris Habitat");
    CHECK(db.findUserById(employer)->siret == "82454114802432");
    UserRecord u = *db.findUserById(landlord);
    u.organisation = "Immobilière 3F";
    db.updateUser(u);
    CHECK(db.findUserByEmail("bailleur@example.fr")->organisation == "Immobilière 3F");
}

}  // namespace

TEST_SUITE("application storage") {
    TEST_CASE("SQLite: the rule of one is a uniqueness constraint") {
        TempDb dir;
        SqliteStorage db(dir.path());
        CHECK(db.schemaVersion() >= 4);
        ruleOfOne(db);
    }

    TEST_CASE("SQLite: fifty concurrent insertions, one accepted") {
        TempDb dir;
        SqliteStorage db(dir.path());
        const int64_t anne = addUser(db, "anne@example.fr");
        for (int round = 0; round < 5; ++round) {
            CAPTURE(round);
            fiftyAtOnce(db, anne);
            // End every active one before the next round.
            ApplicationQuery q;
            q.activeOnly = true;
            for (ApplicationRecord a : db.listApplications(q)) {
                a.stage = "cancelled";
                a.active = false;
                db.updateApplication(a);
            }
        }
    }

    TEST_CASE("SQLite: an ended stage can never be active (CHECK)") {
        TempDb dir;
        SqliteStorage db(dir.path());
        const int64_t anne = addUser(db, "anne@example.fr");
        ApplicationRecord a = application(anne, 1);
        a.stage = "lease_signed";
        CHECK_THROWS_AS(db.insertApplication(a), StorageError);
        a.stage = "decided";
        a.active = false;
        CHECK_THROWS_AS(db.insertApplication(a), StorageError);
    }

    TEST_CASE("SQLite: added offers, offer states, staff users") {
        TempDb dir;
        SqliteStorage db(dir.path());
        offers(db);
    }

    TEST_CASE("memory: the same rule of one, under the same load") {
        MemoryStorage db;
        ruleOfOne(db);
        MemoryStorage concurrent;
        const int64_t anne = addUser(concurrent, "anne@example.fr");
        for (int round = 0; round < 5; ++round) {
            fiftyAtOnce(concurrent, anne);
            ApplicationQuery q;
            q.activeOnly = true;
            for (ApplicationRecord a : concurrent.listApplications(q)) {
                a.stage = "cancelled";
                a.active = false;
                concurrent.updateApplication(a);
            }
        }
    }

    TEST_CASE("memory: added offers, offer states, staff users; snapshot round trip") {
        MemoryStorage db;
        offers(db);
        const int64_t anne = addUser(db, "anne@example.fr");
        const int64_t id = db.insertApplication(application(anne, 5));
        MemoryStorage copy;
        copy.restore(db.snapshot());
        CHECK(copy.snapshot() == db.snapshot());
        CHECK(copy.findApplication(id)->numeroUnique == application(anne, 5).numeroUnique);
        CHECK(copy.insertApplication(application(anne, 6)) == 0);  // the rule holds after restore
        CHECK(copy.listAddedOffers().size() == 2);
        CHECK(copy.findOfferState(7)->status == "closed");
        CHECK(copy.findUserByEmail("employeur@example.fr")->siret == "82454114802432");
        // A snapshot with two active applications of one user keeps only the first.
        Json broken = db.snapshot();
        Json second = broken["applications"][0];
        second["id"] = 99;
        broken["applications"].push_back(second);
        MemoryStorage repaired;
        repaired.restore(broken);
        ApplicationQuery q;
        q.userId = anne;
        CHECK(repaired.listApplications(q).size() == 1);
        CHECK(repaired.insertAddedOffer({}) == kFirstAddedOfferId + 2);
    }
}
