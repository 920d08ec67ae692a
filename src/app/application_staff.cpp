// ApplicationService (application_service.h): the staff's steps - the
// advisor's queue and designations, the landlord's commission and lease, the
// employer's view. The applicant's use cases are in application_service.cpp.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "app/application_service.h"
#include "app/application_service_internal.h"
#include "domain/dates.h"
#include "domain/format.h"
#include "domain/limits.h"
#include "domain/utf8.h"
#include "domain/validation.h"
#include "i18n/catalog.h"
#include "reference/registry_types.h"

namespace alin {

using domain::Actor;
using domain::ApplicationEvent;
using domain::ApplicationEventType;
using domain::ApplicationStage;
using domain::ApplicationState;
using namespace application_internal;

// ---------------------------------------------------------------- advisor

Result<Json> ApplicationService::queue(const Me& me) {
    if (!may(me, domain::Capability::ReviewApplications)) return Result<Json>::failure(forbiddenError());
    ApplicationQuery q;
    q.activeOnly = true;
    const std::vector<ApplicationRecord> active = storage_.listApplications(q);  // id order = oldest first
    std::map<int64_t, std::vector<ApplicationRecord>> byOffer;
    for (const ApplicationRecord& a : active) byOffer[a.offerId].push_back(a);
    Json list = Json::array();
    for (const ApplicationRecord& a : active)
        if (a.step <= 2) list.push_back(staffJson(a, byOffer[a.offerId]));
    return Result<Json>::success({{"applications", std::move(list)}});
}

Result<Json> ApplicationService::validate(const Me& me, int64_t applicationId) {
    if (!may(me, domain::Capability::ReviewApplications)) return Result<Json>::failure(forbiddenError());
    Change c;
    c.event.type = ApplicationEventType::Validate;
    c.actor = Actor::Advisor;
    return staffAnswer(change(me, applicationId, c, advisorOnly), "staff.done.validate");
}

Result<Json> ApplicationService::invalidate(const Me& me, int64_t applicationId, const std::string& rawReason) {
    if (!may(me, domain::Capability::ReviewApplications)) return Result<Json>::failure(forbiddenError());
    const std::string reason(domain::utf8::trim(rawReason));
    const std::size_t length = domain::utf8::codePointCount(reason);
    if (length < kReasonMin || length > kReasonMax || !domain::utf8::isValid(reason))
        return Result<Json>::failure(validation("reason", tr("applications.error.reason")));
    Change c;
    c.event.type = ApplicationEventType::Invalidate;
    c.actor = Actor::Advisor;
    c.reason = reason;
    return staffAnswer(change(me, applicationId, c, advisorOnly), "staff.done.invalidate");
}

Result<Json> ApplicationService::candidates(const Me& me, int64_t offerId) {
    if (!may(me, domain::Capability::ReviewApplications)) return Result<Json>::failure(forbiddenError());
    const std::optional<OfferSummary> offer = offers_.summary(offerId);
    if (!offer) return Result<Json>::failure(serviceError(404, "offer_unknown", tr("offers.why.unknown")));
    ApplicationQuery q;
    q.offerId = offerId;
    q.activeOnly = true;
    const std::vector<ApplicationRecord> active = storage_.listApplications(q);
    Json list = Json::array();
    for (const ApplicationRecord& a : active) list.push_back(staffJson(a, active));
    std::vector<Json> sorted(list.begin(), list.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Json& x, const Json& y) { return x["rank"].get<int>() < y["rank"].get<int>(); });
    return Result<Json>::success({{"offer",
                                   {{"id", offerId},
                                    {"title", offer->title},
                                    {"landlord", offer->offer.landlord},
                                    {"status", offerStatusCode(offer->offer.status)},
                                    {"applicationsCount", offer->offer.applications}}},
                                  {"candidates", Json(sorted)}});
}

Result<Json> ApplicationService::send(const Me& me, int64_t offerId, const std::vector<int64_t>& rawIds) {
    using R = Result<Json>;
    if (!may(me, domain::Capability::ReviewApplications)) return R::failure(forbiddenError());
    if (!offers_.summary(offerId)) return R::failure(serviceError(404, "offer_unknown", tr("offers.why.unknown")));
    std::vector<int64_t> ids;
    for (int64_t id : rawIds)
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    if (ids.empty() || static_cast<int>(ids.size()) > kMaxSent || ids.size() != rawIds.size())
        return R::failure(validation("applicationIds", tr("applications.error.send_count")));

    std::optional<ServiceError> refused;
    std::vector<ApplicationRecord> sent;
    Change c;
    c.event.type = ApplicationEventType::SendToLandlord;
    c.actor = Actor::Advisor;
    storage_.transaction([&] {
        // All or nothing: every application is checked before any is changed.
        std::vector<std::pair<ApplicationRecord, ApplicationState>> moves;
        for (int64_t id : ids) {
            std::optional<ApplicationRecord> a = storage_.findApplication(id);
            if (!a || a->offerId != offerId) {
                refused = validation("applicationIds", trf("applications.error.send_other_offer", {intText(id)}));
                return;
            }
            const domain::TransitionResult r = domain::transition(stateOf(*a), c.event, c.actor);
            if (!r.accepted) {
                refused = serviceError(409, "transition_refused",
                                       tr(r.refusalKey ? r.refusalKey : "application.error.wrong_step"));
                return;
            }
            moves.emplace_back(std::move(*a), r.state);
        }
        for (auto& [a, next] : moves) {
            record(a, next, c);
            storage_.updateApplication(a);
            sent.push_back(a);
        }
    });
    if (refused) return R::failure(*refused);
    for (const ApplicationRecord& a : sent) notify(a);
    ApplicationQuery q;
    q.offerId = offerId;
    q.activeOnly = true;
    const std::vector<ApplicationRecord> active = storage_.listApplications(q);
    Json list = Json::array();
    for (const ApplicationRecord& a : sent) list.push_back(staffJson(a, active));
    return R::success({{"message", trn("staff.done.send", static_cast<long long>(sent.size()),
                                       {intText(static_cast<int64_t>(sent.size()))})},
                       {"applications", std::move(list)}});
}

// ---------------------------------------------------------------- landlord

Result<Json> ApplicationService::landlordOffers(const Me& me) {
    if (!may(me, domain::Capability::ManageOwnOffers) || me.organisation.empty())
        return Result<Json>::failure(forbiddenError());
    ApplicationQuery q;
    q.minStep = 3;  // sent to the landlord (and what followed)
    std::map<int64_t, std::vector<ApplicationRecord>> sentByOffer;
    for (ApplicationRecord& a : storage_.listApplications(q)) {
        // Ended before being sent (cancelled, invalidated) never reach step 3.
        sentByOffer[a.offerId].push_back(std::move(a));
    }
    Json offers = Json::array();
    for (const auto& [offerId, sent] : sentByOffer) {
        const std::optional<OfferSummary> offer = offers_.summary(offerId);
        if (!offer || offer->offer.landlord != me.organisation) continue;
        ApplicationQuery activeQuery;
        activeQuery.offerId = offerId;
        activeQuery.activeOnly = true;
        const std::vector<ApplicationRecord> active = storage_.listApplications(activeQuery);
        std::vector<Json> candidates;
        for (const ApplicationRecord& a : sent) candidates.push_back(staffJson(a, active));
        // Active ones by rank, then the ended ones.
        std::stable_sort(candidates.begin(), candidates.end(), [](const Json& x, const Json& y) {
            const int rx = x["rank"].get<int>(), ry = y["rank"].get<int>();
            return (rx == 0 ? INT32_MAX : rx) < (ry == 0 ? INT32_MAX : ry);
        });
        offers.push_back({{"id", offerId},
                          {"title", offer->title},
                          {"address", offer->addressText},
                          {"status", offerStatusCode(offer->offer.status)},
                          {"applicationsCount", offer->offer.applications},
                          {"candidates", Json(candidates)}});
    }
    return Result<Json>::success({{"offers", std::move(offers)}});
}

Result<Json> ApplicationService::contact(const Me& me, int64_t applicationId, const std::string& rawNote) {
    if (!may(me, domain::Capability::ManageOwnOffers)) return Result<Json>::failure(forbiddenError());
    const std::string note(domain::utf8::trim(rawNote));
    if (domain::utf8::codePointCount(note) > kNoteMax || !domain::utf8::isValid(note))
        return Result<Json>::failure(validation("note", tr("applications.error.note")));
    Change c;
    c.event.type = ApplicationEventType::LandlordContact;
    c.actor = Actor::Landlord;
    c.note = note;
    return staffAnswer(change(me, applicationId, c, ownLandlord), "staff.done.contact");
}

Result<Json> ApplicationService::commission(const Me& me, int64_t applicationId) {
    if (!may(me, domain::Capability::ManageOwnOffers)) return Result<Json>::failure(forbiddenError());
    Change c;
    c.event.type = ApplicationEventType::ScheduleCommission;
    c.actor = Actor::Landlord;
    return staffAnswer(change(me, applicationId, c, ownLandlord), "staff.done.commission");
}

Result<Json> ApplicationService::decide(const Me& me, int64_t applicationId, const std::string& decision, int rank) {
    if (!may(me, domain::Capability::ManageOwnOffers)) return Result<Json>::failure(forbiddenError());
    const auto parsed = domain::parseDecision(decision);
    if (!parsed || *parsed == domain::CommissionDecision::None)
        return Result<Json>::failure(validation("decision", tr("applications.error.decision")));
    Change c;
    c.event.type = ApplicationEventType::RecordDecision;
    c.event.decision = *parsed;
    c.event.rank = static_cast<std::uint8_t>(std::clamp(rank, 0, 255));
    c.actor = Actor::Landlord;
    return staffAnswer(change(me, applicationId, c, ownLandlord), "staff.done.decision");
}

Result<Json> ApplicationService::provideDocument(const Me& me, int64_t applicationId) {
    if (!may(me, domain::Capability::ManageOwnOffers)) return Result<Json>::failure(forbiddenError());
    Change c;
    c.event.type = ApplicationEventType::ProvideDocument;
    c.actor = Actor::Landlord;
    return staffAnswer(change(me, applicationId, c, ownLandlord), "staff.done.document");
}

Result<Json> ApplicationService::signLease(const Me& me, int64_t applicationId) {
    if (!may(me, domain::Capability::ManageOwnOffers)) return Result<Json>::failure(forbiddenError());
    Change c;
    c.event.type = ApplicationEventType::SignLease;
    c.actor = Actor::Landlord;
    return staffAnswer(change(me, applicationId, c, ownLandlord), "staff.done.lease");
}

// ---------------------------------------------------------------- employer

Result<Json> ApplicationService::employerRequests(const Me& me) {
    if (!may(me, domain::Capability::ViewEmployeeRequests)) return Result<Json>::failure(forbiddenError());
    const std::string siret = digitsOf(me.siret);
    if (siret.empty()) return Result<Json>::failure(forbiddenError());
    const Geography& geo = offers_.data().geography;
    const char* yes = tr("employer.value.yes");
    const char* no = tr("employer.value.no");
    const std::string unknown = tr("employer.value.unknown");
    Json requests = Json::array();
    for (const RequestFileRecord& file : storage_.listRequestFiles()) {
        // Choice 1 is anonymous (not listed); 0 = not chosen yet.
        if (file.sharingChoice != 2 && file.sharingChoice != 3) continue;
        RegistryRequest r;
        try {
            r = RegistryRequest::fromJson(file.snapshot, "snapshot");
        } catch (const RegistryParseError&) {
            continue;
        }
        const RegistryPerson* person = file.attachTo == "coApplicant" && r.coApplicant ? &*r.coApplicant : &r.applicant;
        if (digitsOf(person->employerSiret) != siret) continue;

        auto orUnknown = [&](const std::string& s) { return s.empty() ? unknown : s; };
        std::string wished;
        for (const std::string& insee : r.requestedCommunes) {
            const Commune* c = geo.commune(insee);
            if (!wished.empty()) wished += ", ";
            wished += c ? std::string(c->name) + " (" + std::string(c->dept) + ")" : insee;
        }
        const bool several = r.coApplicant && !r.coApplicant->employerSiret.empty() &&
                             !r.applicant.employerSiret.empty() &&
                             digitsOf(r.coApplicant->employerSiret) != digitsOf(r.applicant.employerSiret);
        // An ordered list of {key, label, value}: the screen shows it in this order
        // (the guide's order for choice 2; the whole request for choice 3).
        const bool full = file.sharingChoice == 3;
        Json fields = Json::array();
        auto add = [&](const char* key, const char* labelKey, const std::string& value) {
            fields.push_back({{"key", key}, {"label", tr(labelKey)}, {"value", value}});
        };
        if (full) add("numeroUnique", "employer.field.nu", file.numeroUnique);
        add("civility", "employer.field.civility", orUnknown(person->civility));
        add("lastName", "employer.field.last_name", orUnknown(person->lastName));
        add("firstName", "employer.field.first_name", orUnknown(person->firstName));
        add("birthDate", "employer.field.birth_date", orUnknown(frenchIsoDate(person->birthDate)));
        add("email", "employer.field.email", orUnknown(person->email));
        if (full) add("phone", "employer.field.phone", orUnknown(domain::formatFrenchPhone(person->phone)));
        add("employerName", "employer.field.employer",
            orUnknown(file.employerName.empty() ? person->employerName : file.employerName));
        add("employerSiret", "employer.field.siret", orUnknown(person->employerSiret));
        add("severalEmployers", "employer.field.several", several ? yes : no);
        // "code postal/commune du lieu de travail" (guide §3, choice 2).
        std::string workplace;
        if (const Commune* w = person->workplaceInsee.empty() ? nullptr : geo.commune(person->workplaceInsee))
            workplace = (w->postcodeCount() ? std::string(w->postcode(0)) + " " : std::string()) + std::string(w->name);
        add("workplace", "employer.field.workplace", orUnknown(workplace));
        add("currentCommune", "employer.field.current",
            orUnknown(r.currentAddress.postcode.empty() ? r.currentAddress.commune
                                                        : r.currentAddress.postcode + " " + r.currentAddress.commune));
        add("wishedCommunes", "employer.field.wished", orUnknown(wished));
        Json item{{"choice", file.sharingChoice}};
        if (full) {
            std::string typologies;
            for (int t : r.typologies) typologies += (typologies.empty() ? "" : ", ") + domain::typologyLabel(t);
            add("household", "employer.field.household",
                trn("employer.value.persons", r.householdSize(), {intText(r.householdSize())}));
            add("income", "employer.field.income",
                domain::formatEurosRounded(static_cast<double>(r.householdTaxIncomeN2())));
            add("typologies", "employer.field.typologies", orUnknown(typologies));
            add("motive", "employer.field.motive", orUnknown(r.motive));
            add("priority", "employer.field.priority", r.priority.empty() ? std::string(no) : r.priority);
            add("currentHousing", "employer.field.housing", orUnknown(r.currentHousing));
            add("companyCode", "employer.field.company_code", orUnknown(file.companyCode));
            add("matricule", "employer.field.matricule", orUnknown(file.matricule));
            add("hireDate", "employer.field.hire_date", orUnknown(frenchIsoDate(file.hireDate)));
            add("coApplicant", "employer.field.co_applicant",
                r.coApplicant ? personName(*r.coApplicant) : std::string(no));
            item["numeroUnique"] = file.numeroUnique;
            Json applications = Json::array();
            ApplicationQuery q;
            q.userId = file.userId;
            const std::vector<ApplicationRecord> all = storage_.listApplications(q);
            for (auto it = all.rbegin(); it != all.rend(); ++it) {
                const std::optional<OfferSummary> offer = offers_.summary(it->offerId);
                const ApplicationState s = stateOf(*it);
                applications.push_back(
                    {{"id", it->id},
                     {"offer", {{"id", it->offerId}, {"title", offer ? offer->title : std::string()}}},
                     {"stage", it->stage},
                     {"step", domain::currentStep(s)},
                     {"statusText", domain::statusText(s)},
                     {"active", it->active},
                     {"createdText", trf("applications.created", {domain::formatDateTime(it->createdAt)})}});
            }
            item["applications"] = std::move(applications);
        }
        item["fields"] = std::move(fields);
        requests.push_back(std::move(item));
    }
    return Result<Json>::success({{"requests", std::move(requests)}});
}

}  // namespace alin
