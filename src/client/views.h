// What the client shows of the service's replies, parsed once when a reply
// arrives (issue 12 item 5): screens read these structs, never the wire JSON.
// Parsing is tolerant of a missing field (its default) and strict about a
// field of another type: a reply of the wrong shape throws, inside the frame
// that delivers it, and the frame's recovery says so (app_frame.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/api_types.h"

namespace alin::client {

// --- "Les offres": one offer's detail (GET /offers/{id}) ---
struct OfferDetailView {
    int64_t id = -1;
    std::string title, address, distanceText;
    std::string rentText, chargesText, totalText, effortSentence;
    std::string kind, typology, surfaceText, floorText, heating, energyLabel, funding, landlord, availableText;
    std::string deadlineText, applicationsText;
    bool house = false, pmr = false;
    bool canApply = false;
    std::string cannotApplyReason;
    // The applicant's application in progress, on this offer or another (the rule of one).
    int64_t activeOfferId = 0;  // 0: none
    std::string activeOfferTitle;
};
OfferDetailView OfferDetailFromJson(const Json& reply);

// --- The request file (docs/request-file-api.md) ---
struct PersonView {
    std::string civility, nationality, lastName, firstName, nir, birthDate, phone, email, employerSiret;
};

struct EligibilityRowView {
    bool eligible = false;
    std::string loan, ceilingText, incomeText;
};
struct EligibilityZoneView {
    std::string label;
    std::vector<EligibilityRowView> rows;
};
struct EligibilityView {
    std::string communes;  // "Paris (75056), Boulogne-Billancourt (92012)"
    std::string summary, incomeHeader;
    std::vector<EligibilityZoneView> zones;
    std::vector<std::string> loans;  // what each acronym means
    // The lines after the table: household category, typology, rent effort (the
    // per-loan income lines are the table, and are left out when there is one).
    std::vector<std::string> sentences;
};

struct AttachOptionView {
    std::string value, name;
};

struct ResourcesView {
    bool declared = false;
    int64_t monthlyResourcesCents = 0, housingAidCents = 0;
    std::string monthlyResourcesText, housingAidText, simulatorUrl, declaredOnText;
};

struct RequestFileView {
    std::string numeroUnique, createdOn;
    bool validated = false;
    int step = 1;
    std::optional<int64_t> refreshedAt;
    std::string registrationSiteUrl;
    // The registry's snapshot.
    std::optional<PersonView> applicant, coApplicant;
    std::string familySituation, address, currentHousing, typologies, motive;
    int persons = 1, dependants = 0;
    EligibilityView eligibility;
    // What AL'in adds: the employer and the sharing choice.
    std::string employerName, companyCode, matricule, hireDate, cdii, attachTo, employerSiret;
    int sharingChoice = 0;
    bool employerValidated = false;
    std::vector<AttachOptionView> attachOptions;
    bool documents[4] = {};  // identite, ressources, avis_imposition, motif
    ResourcesView resources;
    // The SIRET the registry gives for "applicant" or "coApplicant".
    std::string registrySiret(const std::string& person) const;
};
RequestFileView RequestFileFromJson(const Json& file);

// --- "Mes candidatures" (docs/applications-api.md) ---
struct ApplicationView {
    int64_t id = 0, createdAt = 0;
    std::string stage;
    std::string offerTitle, offerTotalText, offerLandlord;
    std::string positionText, rankText, deadlineText, statusText, cannotCancelReason;
    std::string outcomeText, createdText;  // the history's lines
    int step = 1;
    bool failed = false, canCancel = false;
    std::vector<std::pair<std::string, std::string>> events;  // when, what
};
ApplicationView ApplicationFromJson(const Json& j);
// GET /applications/ranking: the explanation's paragraphs.
std::vector<std::string> RankingFromJson(const Json& reply);

// --- "Mes alertes" ---
struct AlertView {
    int64_t id = 0;
    bool paused = false;
    std::string frequency, createdText, summary;
    int digestHour = 8;
};
std::vector<AlertView> AlertsFromJson(const Json& reply);

// --- "Mes messages" and the advisors' inbox ---
struct ContactSubjectView {
    std::string code, label;
};
struct ContactMessageView {
    int64_t id = 0, createdAt = 0, answeredAt = 0, applicationId = 0;
    std::string subjectLabel, message, status, answer;
    std::string applicantName, applicantEmail;  // the inbox's
};
struct ContactView {
    std::vector<ContactMessageView> messages;
    std::vector<ContactSubjectView> subjects;
    int64_t maxLength = 2000;
    int perDay = 5;
};
ContactView ContactFromJson(const Json& reply);
std::vector<ContactMessageView> InboxFromJson(const Json& reply);

// --- The professional space: the role's list ---
struct StaffApplicantView {
    std::string name, nu, incomeText, priority;
    int persons = 1;
};
struct StaffApplicationView {  // advisor's queue
    int64_t id = 0, offerId = 0;
    std::string offerTitle, offerLandlord, stage, statusText;
    int rank = 0, total = 0;
    StaffApplicantView applicant;
};
struct StaffCandidateView {  // landlord's offers
    int64_t applicationId = 0;
    std::string name, statusText, stage;
    bool canProvideDocument = false, canSignLease = false;
};
struct StaffOfferView {
    int64_t id = 0;
    std::string title;
    std::vector<StaffCandidateView> candidates;
};
struct StaffRequestView {  // employer's requests
    int choice = 0;
    std::vector<std::pair<std::string, std::string>> fields;        // label, value
    std::vector<std::pair<std::string, std::string>> applications;  // offer title, status
};
struct StaffView {
    std::vector<StaffApplicationView> applications;
    std::vector<StaffOfferView> offers;
    std::vector<StaffRequestView> requests;
};
StaffView StaffFromJson(const Json& reply);

// --- "Mes données": GET /me/data's "data" as the screen shows it (the export
// itself is kept as it came, to download and print) ---
struct MyDataView {
    struct Account {
        std::string birthName, firstName, email, phone, organisation;
        int64_t createdAt = 0, consentAt = 0;
    } account;
    struct Request {
        std::string numeroUnique, employerName;
        int64_t importedAt = 0, refreshedAt = 0, validatedAt = 0;
    };
    std::optional<Request> request;
    struct Dated {
        int64_t at = 0;
        std::string text;  // an event code, a subject, a device
    };
    std::vector<Dated> requestHistory;  // event codes
    int64_t sharingCurrent = 0;
    std::vector<std::pair<int64_t, int64_t>> sharingChanges;  // at, choice
    struct Application {
        int64_t offerId = 0, createdAt = 0;
        std::string stage;
        size_t events = 0;
        bool active = false;
    };
    std::vector<Application> applications;
    std::vector<Dated> emails, messages, logins;
    std::vector<std::string> alertLines;  // worded once (my_data_text.h)
};
MyDataView MyDataFromJson(const Json& data);

// Reads of one object of a reply (views.cpp): a missing or null key gives the
// default; a key of another type throws.
namespace reply {
std::string text(const Json& j, const char* key);
int64_t integer(const Json& j, const char* key, int64_t otherwise = 0);
bool flag(const Json& j, const char* key, bool otherwise = false);
const Json& object(const Json& j, const char* key);  // an empty object when missing
const Json& array(const Json& j, const char* key);   // an empty array when missing
}  // namespace reply

}  // namespace alin::client
