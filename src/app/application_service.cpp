#include "app/application_service.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "domain/dates.h"
#include "domain/format.h"
#include "domain/utf8.h"
#include "i18n/catalog.h"
#include "reference/registry_types.h"

namespace alin {

using domain::Actor;
using domain::ApplicationEvent;
using domain::ApplicationEventType;
using domain::ApplicationStage;
using domain::ApplicationState;

namespace {

constexpr std::size_t kReasonMin = 3;
constexpr std::size_t kReasonMax = 300;
constexpr std::size_t kNoteMax = 300;
constexpr int kMaxSent = 3;  // "désigner jusqu'à trois candidats"

std::string intText(int64_t v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

ApplicationState stateOf(const ApplicationRecord& a) {
    ApplicationState s;
    s.stage = domain::parseStage(a.stage).value_or(ApplicationStage::Submitted);
    s.decision = domain::parseDecision(a.decision).value_or(domain::CommissionDecision::None);
    s.rank = static_cast<std::uint8_t>(std::clamp(a.rank, 0, 3));
    s.step = static_cast<std::uint8_t>(std::clamp(a.step, 1, domain::kApplicationStepCount));
    return s;
}

// Stopped before the end: invalidated, refused, cancelled, closed, declined.
bool failed(const ApplicationState& s) {
    return domain::isTerminal(s.stage) && s.stage != ApplicationStage::LeaseSigned;
}

ServiceError unknownApplication() {
    return serviceError(404, "application_unknown", tr("applications.error.unknown"));
}

ServiceError validation(const std::string& field, const std::string& message) {
    ServiceError e = serviceError(422, "validation", message, field);
    e.errors.push_back({field, "invalid", message});
    return e;
}

bool isRole(const Me& me, const char* role) {
    return me.role == role;
}

std::optional<ServiceError> advisorOnly(const Me& me, const ApplicationRecord&, const OfferService&) {
    if (!isRole(me, "advisor")) return forbiddenError();
    return std::nullopt;
}

// A landlord acts only on the applications to its organisation's offers.
std::optional<ServiceError> ownLandlord(const Me& me, const ApplicationRecord& a, const OfferService& offers) {
    if (!isRole(me, "landlord")) return forbiddenError();
    const std::optional<OfferSummary> s = offers.summary(a.offerId);
    if (!s || me.organisation.empty() || s->offer.landlord != me.organisation) return forbiddenError();
    return std::nullopt;
}

std::optional<ServiceError> ownApplication(const Me& me, const ApplicationRecord& a, const OfferService&) {
    if (!isRole(me, "applicant")) return forbiddenError();
    if (a.userId != me.id) return unknownApplication();  // another's: as if it did not exist
    return std::nullopt;
}

int64_t requestCreatedAt(const RegistryRequest& r) {
    const auto d = domain::parseIsoDate(r.createdOn);
    return d ? domain::unixFromCivil(*d) : domain::kUnknownTime;
}

std::string personName(const RegistryPerson& p) {
    std::string name = p.firstName;
    if (!name.empty() && !p.lastName.empty()) name += ' ';
    return name + p.lastName;
}

std::string frenchIsoDate(std::string_view iso) {
    const auto d = domain::parseIsoDate(iso);
    return d ? domain::toFrenchDate(*d) : std::string(iso);
}

std::string digitsOf(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out.push_back(c);
    return out;
}

// The text of one stored event.
std::string eventText(const Json& e) {
    const std::string type = e.value("event", std::string());
    if (type == "apply") return tr("applications.event.apply");
    ApplicationState s;
    s.stage = domain::parseStage(e.value("stage", std::string())).value_or(ApplicationStage::Submitted);
    s.decision = domain::parseDecision(e.value("decision", std::string())).value_or(domain::CommissionDecision::None);
    s.rank = static_cast<std::uint8_t>(std::clamp(e.value("rank", 0), 0, 3));
    std::string text = domain::statusText(s);
    const std::string detail = e.value("reason", e.value("note", std::string()));
    return detail.empty() ? text : trf("applications.event.detail", {text, detail});
}

}  // namespace

domain::RankingFacts rankingFactsOf(const ApplicationRecord& a) {
    domain::RankingFacts f;
    f.prioritySituation = a.prioritySituation;
    f.employerSupport = a.employerSupport;
    f.requestCreatedAt = a.requestCreatedAt;
    f.appliedAt = a.createdAt;
    f.applicationId = a.id;
    return f;
}

std::string frenchOrdinal(int n) {
    return n == 1 ? std::string(tr("applications.ordinal.first")) : trf("applications.ordinal.nth", {intText(n)});
}

ApplicationService::ApplicationService(Storage& storage, Clock& clock, MailTransport& mail, const ServiceConfig& config,
                                       OfferService& offers)
    : storage_(storage), clock_(clock), mail_(mail), config_(config), offers_(offers) {}

// ---------------------------------------------------------------- state changes

void ApplicationService::record(ApplicationRecord& a, const ApplicationState& next, const Change& change) const {
    const int64_t now = clock_.now();
    a.stage = std::string(domain::stageCode(next.stage));
    a.decision = std::string(domain::decisionCode(next.decision));
    a.rank = next.rank;
    a.step = domain::currentStep(next);
    a.active = domain::isActive(next);
    a.updatedAt = now;
    if (!change.reason.empty()) a.invalidationReason = change.reason;
    // News for the applicant, unless they did it themselves.
    if (change.actor != Actor::Applicant) a.unread = true;
    Json event{{"at", now},
               {"event", domain::eventCode(change.event.type)},
               {"actor", domain::actorCode(change.actor)},
               {"stage", a.stage},
               {"decision", a.decision},
               {"rank", a.rank}};
    if (!change.reason.empty()) event["reason"] = change.reason;
    if (!change.note.empty()) event["note"] = change.note;
    if (!a.events.is_array()) a.events = Json::array();
    a.events.push_back(std::move(event));
}

Result<ApplicationRecord> ApplicationService::change(const Me& me, int64_t id, const Change& c, Guard guard) {
    using R = Result<ApplicationRecord>;
    const std::optional<ApplicationRecord> found = storage_.findApplication(id);
    if (!found) return R::failure(unknownApplication());
    if (auto denied = guard(me, *found, offers_)) return R::failure(*denied);

    std::optional<ServiceError> refused;
    std::vector<ApplicationRecord> changed;
    bool closeOffer = false;
    storage_.transaction([&] {
        std::optional<ApplicationRecord> a = storage_.findApplication(id);
        if (!a) {
            refused = unknownApplication();
            return;
        }
        const domain::TransitionResult r = domain::transition(stateOf(*a), c.event, c.actor);
        if (!r.accepted) {
            const std::string key = r.refusalKey ? r.refusalKey : "application.error.wrong_step";
            if (c.event.type == ApplicationEventType::Cancel)
                refused = serviceError(409, "cannot_cancel", tr(key));
            else if (key == "application.error.rank")
                refused = validation("rank", tr(key));
            else if (key == "application.error.decision_required")
                refused = validation("decision", tr(key));
            else
                refused = serviceError(409, "transition_refused", tr(key));
            return;
        }
        record(*a, r.state, c);
        storage_.updateApplication(*a);
        changed.push_back(*a);
        if (c.event.type == ApplicationEventType::SignLease) {
            // The dwelling is let: the other candidates' applications end, and the offer closes.
            Change close;
            close.event.type = ApplicationEventType::Close;
            close.actor = Actor::System;
            ApplicationQuery q;
            q.offerId = a->offerId;
            q.activeOnly = true;
            for (ApplicationRecord& other : storage_.listApplications(q)) {
                const domain::TransitionResult closed = domain::transition(stateOf(other), close.event, close.actor);
                if (!closed.accepted) continue;
                record(other, closed.state, close);
                storage_.updateApplication(other);
                changed.push_back(other);
            }
            offers_.storeOfferClosed(a->offerId);
            closeOffer = true;
        }
    });
    if (refused) return R::failure(*refused);
    if (closeOffer) offers_.offerClosed(changed.front().offerId);
    for (const ApplicationRecord& a : changed) notify(a);
    return R::success(changed.front());
}

void ApplicationService::notify(const ApplicationRecord& a) {
    const std::optional<UserRecord> user = storage_.findUserById(a.userId);
    if (!user || user->email.empty()) return;
    const ApplicationState s = stateOf(a);
    const std::string status = domain::statusText(s);
    const std::optional<OfferSummary> offer = offers_.summary(a.offerId);
    std::string extra;
    const Json last = a.events.is_array() && !a.events.empty() ? a.events.back() : Json::object();
    if (s.stage == ApplicationStage::Invalidated && !a.invalidationReason.empty())
        extra += trf("applications.mail.reason", {a.invalidationReason});
    if (last.contains("note") && last["note"].is_string())
        extra += trf("applications.mail.note", {last["note"].get<std::string>()});
    if (failed(s)) extra += tr("applications.mail.free");
    const std::string url = config_.publicBaseUrl + "#/candidatures";
    MailRecord m;
    m.to = user->email;
    m.subject = trf("applications.mail.subject", {status});
    m.body =
        trf("applications.mail.body", {offer ? offer->title : std::string(), offer ? offer->addressText : std::string(),
                                       offer ? offer->offer.landlord : std::string(), status, extra, url});
    m.links = Json::array({{{"label", tr("applications.mail.link")}, {"url", url}}});
    m.createdAt = clock_.now();
    mail_.send(m);
}

// ---------------------------------------------------------------- JSON views

Json ApplicationService::applicantJson(const ApplicationRecord& a,
                                       const std::vector<ApplicationRecord>* activeOnOffer) const {
    const ApplicationState s = stateOf(a);
    const std::optional<OfferSummary> offer = offers_.summary(a.offerId);
    const int applications = offer ? offer->offer.applications : 0;
    Json offerJson = nullptr;
    if (offer) {
        offerJson = {{"id", a.offerId},
                     {"title", offer->title},
                     {"commune", offer->offer.address.commune},
                     {"typology", domain::typologyLabel(offer->offer.typology)},
                     {"totalText", offer->totalText},
                     {"landlord", offer->offer.landlord},
                     {"address", offer->addressText},
                     {"deadlineText", offer->deadlineText}};
    }
    Json position = nullptr;
    std::string rankText;
    if (a.active && activeOnOffer) {
        std::vector<domain::RankingFacts> facts;
        facts.reserve(activeOnOffer->size());
        for (const ApplicationRecord& other : *activeOnOffer) facts.push_back(rankingFactsOf(other));
        const int total = static_cast<int>(facts.size());
        const int rank = domain::rankOf(rankingFactsOf(a), facts);
        position = {{"rank", rank}, {"total", total}};
        rankText = trf(total <= 1 ? "applications.rank_text_one" : "applications.rank_text",
                       {frenchOrdinal(rank), intText(total)});
    }
    const char* positionKey = applications <= 0   ? "offers.card.applications.none"
                              : applications == 1 ? "offers.card.applications.one"
                                                  : "offers.card.applications.many";
    const domain::Permission cancel = domain::canCancel(s);
    const std::string status = domain::statusText(s);
    const std::string when = domain::formatDate(a.updatedAt);
    std::string outcome;
    if (!a.active) {
        switch (s.stage) {
            case ApplicationStage::Invalidated:
                outcome = a.invalidationReason.empty()
                              ? status
                              : trf("applications.outcome.reason", {status, a.invalidationReason});
                break;
            case ApplicationStage::Refused:
                outcome = trf("applications.outcome.commission", {status, when});
                break;
            case ApplicationStage::Closed:
                outcome = trf("applications.outcome.closed", {status, when});
                break;
            default:
                outcome = trf("applications.outcome.dated", {status, when});
                break;
        }
    }
    Json events = Json::array();
    if (a.events.is_array())
        for (const Json& e : a.events) {
            const int64_t at = e.value("at", int64_t{0});
            events.push_back({{"at", at}, {"atText", domain::formatDateTime(at)}, {"text", eventText(e)}});
        }
    return {{"id", a.id},
            {"offerId", a.offerId},
            {"offer", std::move(offerJson)},
            {"applicationsCount", applications},
            {"position", std::move(position)},
            {"positionText", trf(positionKey, {intText(applications)})},
            {"rankText", rankText},
            {"deadlineText", offer ? offer->deadlineText : std::string()},
            {"statusText", status},
            {"step", domain::currentStep(s)},
            {"stage", a.stage},
            {"decision", a.decision},
            {"decisionRank", a.rank},
            {"active", a.active},
            {"failed", failed(s)},
            {"canCancel", cancel.allowed},
            {"cannotCancelReason", cancel.allowed || !cancel.reasonKey ? Json(nullptr) : Json(tr(cancel.reasonKey))},
            {"createdAt", a.createdAt},
            {"createdText", trf("applications.created", {domain::formatDateTime(a.createdAt)})},
            {"updatedAt", a.updatedAt},
            {"outcomeText", outcome},
            {"invalidationReason", a.invalidationReason.empty() ? Json(nullptr) : Json(a.invalidationReason)},
            {"unread", a.unread},
            {"events", std::move(events)}};
}

// Who applies, for the staff: from the current request file (the application's
// own figures when the file was deleted since).
Json ApplicationService::applicantInfo(const ApplicationRecord& a) const {
    Json info{{"name", ""},
              {"nu", a.numeroUnique},
              {"persons", 1},
              {"incomeText", ""},
              {"priority", ""},
              {"employerSupport", a.employerSupport},
              {"prioritySituation", a.prioritySituation}};
    if (const auto file = storage_.findRequestFileOfUser(a.userId)) {
        try {
            const RegistryRequest r = RegistryRequest::fromJson(file->snapshot, "snapshot");
            info["name"] = personName(r.applicant);
            info["persons"] = r.householdSize();
            info["priority"] = r.priority;
            info["incomeText"] = trf("staff.applicant.income",
                                     {intText(offers_.data().ceilings.incomeYear),
                                      domain::formatEurosRounded(static_cast<double>(r.householdTaxIncomeN2()))});
            return info;
        } catch (const RegistryParseError&) {
        }
    }
    if (const auto user = storage_.findUserById(a.userId)) info["name"] = user->firstName + " " + user->birthName;
    return info;
}

Json ApplicationService::staffJson(const ApplicationRecord& a,
                                   const std::vector<ApplicationRecord>& activeOnOffer) const {
    const ApplicationState s = stateOf(a);
    int rank = 0;
    if (a.active) {
        std::vector<domain::RankingFacts> facts;
        facts.reserve(activeOnOffer.size());
        for (const ApplicationRecord& other : activeOnOffer) facts.push_back(rankingFactsOf(other));
        rank = domain::rankOf(rankingFactsOf(a), facts);
    }
    const std::optional<OfferSummary> offer = offers_.summary(a.offerId);
    const Json applicant = applicantInfo(a);
    return {{"id", a.id},
            {"applicationId", a.id},
            {"name", applicant["name"]},
            {"applicant", applicant},
            {"offer",
             {{"id", a.offerId},
              {"title", offer ? offer->title : std::string()},
              {"landlord", offer ? offer->offer.landlord : std::string()}}},
            {"stage", a.stage},
            {"step", domain::currentStep(s)},
            {"statusText", domain::statusText(s)},
            {"decision", a.decision},
            {"decisionRank", a.rank},
            {"active", a.active},
            {"createdText", trf("applications.created", {domain::formatDateTime(a.createdAt)})},
            {"invalidationReason", a.invalidationReason},
            {"rank", rank},
            {"total", static_cast<int>(activeOnOffer.size())},
            {"canSignLease", domain::transition(s, {ApplicationEventType::SignLease}, Actor::Landlord).accepted},
            {"canProvideDocument",
             domain::transition(s, {ApplicationEventType::ProvideDocument}, Actor::Landlord).accepted}};
}

Result<Json> ApplicationService::staffAnswer(const Result<ApplicationRecord>& changed, const char* messageKey) {
    if (!changed.ok()) return Result<Json>::failure(*changed.error);
    ApplicationQuery q;
    q.offerId = changed.value->offerId;
    q.activeOnly = true;
    return Result<Json>::success(
        {{"message", tr(messageKey)}, {"application", staffJson(*changed.value, storage_.listApplications(q))}});
}

// ---------------------------------------------------------------- applicant

Result<Json> ApplicationService::apply(const Me& me, int64_t offerId) {
    using R = Result<Json>;
    if (!isRole(me, "applicant")) return R::failure(forbiddenError());
    auto context = offers_.applicantContext(me.id);
    if (!context.ok()) return R::failure(*context.error);

    auto alreadyActive = [&](const std::optional<ApplicationRecord>& active) {
        std::string title;
        if (active)
            if (const auto s = offers_.summary(active->offerId)) title = s->title;
        ServiceError e = serviceError(409, "already_active", trf("applications.error.already_active", {title}));
        if (active)
            e.details["activeApplication"] = {{"id", active->id}, {"offerId", active->offerId}, {"offerTitle", title}};
        return R::failure(std::move(e));
    };
    // A friendly early answer; the guarantee is the insertion below.
    if (auto active = storage_.findActiveApplicationOfUser(me.id)) return alreadyActive(active);
    if (auto refusal = offers_.applyRefusal(*context.value->search, offerId)) return R::failure(*refusal);

    const RequestFileRecord& file = context.value->file;
    const RegistryRequest& request = context.value->request;
    const int64_t now = clock_.now();
    ApplicationRecord a;
    a.userId = me.id;
    a.requestFileId = file.id;
    a.numeroUnique = file.numeroUnique;
    a.offerId = offerId;
    a.stage = std::string(domain::stageCode(ApplicationStage::Submitted));
    a.decision = std::string(domain::decisionCode(domain::CommissionDecision::None));
    a.step = 1;
    a.active = true;
    a.prioritySituation = request.prioritySituation();
    a.employerSupport = domain::hasEmployerSupport(file.sharingChoice, file.companyCode);
    a.requestCreatedAt = requestCreatedAt(request);
    a.createdAt = a.updatedAt = now;
    a.events = Json::array({{{"at", now},
                             {"event", "apply"},
                             {"actor", domain::actorCode(Actor::Applicant)},
                             {"stage", a.stage},
                             {"decision", a.decision},
                             {"rank", 0}}});

    storage_.transaction([&] {
        a.id = storage_.insertApplication(a);  // 0: THE RULE OF ONE said no
        if (a.id != 0) offers_.storeApplicationAdded(offerId);
    });
    if (a.id == 0) {
        if (auto mine = storage_.findActiveApplicationOfUser(me.id)) return alreadyActive(mine);
        // THE RULE OF ONE on the request: another account applied with this Numéro Unique.
        return R::failure(serviceError(409, "request_active", tr("applications.error.request_active")));
    }
    offers_.applicationAdded(offerId);
    notify(a);

    ApplicationQuery q;
    q.offerId = offerId;
    q.activeOnly = true;
    const std::vector<ApplicationRecord> active = storage_.listApplications(q);
    return R::success({{"application", applicantJson(a, &active)}, {"message", tr("applications.applied")}});
}

Result<Json> ApplicationService::mine(const Me& me) {
    if (!isRole(me, "applicant")) return Result<Json>::failure(forbiddenError());
    ApplicationQuery q;
    q.userId = me.id;
    std::vector<ApplicationRecord> all = storage_.listApplications(q);
    Json active = nullptr;
    Json history = Json::array();
    int unread = 0;
    // The application shown as current: the active one, else the newest one
    // whose lease was signed (a success is not archived, guide §6, step 7).
    int64_t current = 0;
    for (auto it = all.rbegin(); it != all.rend() && current == 0; ++it)
        if (it->active) current = it->id;
    if (current == 0 && !all.empty() && all.back().stage == domain::stageCode(ApplicationStage::LeaseSigned))
        current = all.back().id;
    // Newest first.
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (it->unread) ++unread;
        if (it->id == current) {
            ApplicationQuery onOffer;
            onOffer.offerId = it->offerId;
            onOffer.activeOnly = true;
            const std::vector<ApplicationRecord> competitors = storage_.listApplications(onOffer);
            active = applicantJson(*it, &competitors);
        } else {
            history.push_back(applicantJson(*it, nullptr));
        }
    }
    return Result<Json>::success({{"active", std::move(active)}, {"history", std::move(history)}, {"unread", unread}});
}

Result<Json> ApplicationService::cancel(const Me& me, int64_t applicationId) {
    if (!isRole(me, "applicant")) return Result<Json>::failure(forbiddenError());
    Change c;
    c.event.type = ApplicationEventType::Cancel;
    c.actor = Actor::Applicant;
    auto changed = change(me, applicationId, c, ownApplication);
    if (!changed.ok()) return Result<Json>::failure(*changed.error);
    return Result<Json>::success(
        {{"application", applicantJson(*changed.value, nullptr)}, {"message", tr("applications.cancelled")}});
}

Result<Json> ApplicationService::ranking(const Me& me) {
    Json paragraphs = Json::array();
    paragraphs.push_back(tr("ranking.how.intro"));
    int n = 0;
    for (const char* key : domain::rankingCriterionKeys()) paragraphs.push_back(intText(++n) + ". " + tr(key));
    paragraphs.push_back(tr("ranking.how.outro"));
    if (isRole(me, "applicant"))
        if (const auto active = storage_.findActiveApplicationOfUser(me.id)) {
            ApplicationQuery q;
            q.offerId = active->offerId;
            q.activeOnly = true;
            std::vector<domain::RankingFacts> facts;
            for (const ApplicationRecord& other : storage_.listApplications(q)) facts.push_back(rankingFactsOf(other));
            const domain::RankingFacts mineFacts = rankingFactsOf(*active);
            paragraphs.push_back(
                domain::explainRanking(mineFacts, domain::rankOf(mineFacts, facts), static_cast<int>(facts.size())));
        }
    return Result<Json>::success({{"title", tr("ranking.how.title")}, {"paragraphs", std::move(paragraphs)}});
}

bool ApplicationService::endForDeletedRequest(int64_t userId) {
    std::optional<ApplicationRecord> a = storage_.findActiveApplicationOfUser(userId);
    if (!a) return false;
    Change c;
    c.event.type = ApplicationEventType::Cancel;
    c.actor = Actor::Applicant;
    domain::TransitionResult r = domain::transition(stateOf(*a), c.event, c.actor);
    if (!r.accepted) {  // already with the landlord: the request is gone, so it ends
        c.event.type = ApplicationEventType::Close;
        c.actor = Actor::System;
        r = domain::transition(stateOf(*a), c.event, c.actor);
    }
    if (!r.accepted) return false;
    record(*a, r.state, c);
    storage_.updateApplication(*a);
    return true;
}

Result<Json> ApplicationService::markRead(const Me& me) {
    if (!isRole(me, "applicant")) return Result<Json>::failure(forbiddenError());
    storage_.markApplicationsRead(me.id);
    return Result<Json>::success({{"unread", 0}, {"message", tr("applications.read")}});
}

// ---------------------------------------------------------------- advisor

Result<Json> ApplicationService::queue(const Me& me) {
    if (!isRole(me, "advisor")) return Result<Json>::failure(forbiddenError());
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
    if (!isRole(me, "advisor")) return Result<Json>::failure(forbiddenError());
    Change c;
    c.event.type = ApplicationEventType::Validate;
    c.actor = Actor::Advisor;
    return staffAnswer(change(me, applicationId, c, advisorOnly), "staff.done.validate");
}

Result<Json> ApplicationService::invalidate(const Me& me, int64_t applicationId, const std::string& rawReason) {
    if (!isRole(me, "advisor")) return Result<Json>::failure(forbiddenError());
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
    if (!isRole(me, "advisor")) return Result<Json>::failure(forbiddenError());
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
    if (!isRole(me, "advisor")) return R::failure(forbiddenError());
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
    return R::success({{"message", trf("staff.done.send", {intText(static_cast<int64_t>(sent.size()))})},
                       {"applications", std::move(list)}});
}

// ---------------------------------------------------------------- landlord

Result<Json> ApplicationService::landlordOffers(const Me& me) {
    if (!isRole(me, "landlord") || me.organisation.empty()) return Result<Json>::failure(forbiddenError());
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
    if (!isRole(me, "landlord")) return Result<Json>::failure(forbiddenError());
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
    if (!isRole(me, "landlord")) return Result<Json>::failure(forbiddenError());
    Change c;
    c.event.type = ApplicationEventType::ScheduleCommission;
    c.actor = Actor::Landlord;
    return staffAnswer(change(me, applicationId, c, ownLandlord), "staff.done.commission");
}

Result<Json> ApplicationService::decide(const Me& me, int64_t applicationId, const std::string& decision, int rank) {
    if (!isRole(me, "landlord")) return Result<Json>::failure(forbiddenError());
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
    if (!isRole(me, "landlord")) return Result<Json>::failure(forbiddenError());
    Change c;
    c.event.type = ApplicationEventType::ProvideDocument;
    c.actor = Actor::Landlord;
    return staffAnswer(change(me, applicationId, c, ownLandlord), "staff.done.document");
}

Result<Json> ApplicationService::signLease(const Me& me, int64_t applicationId) {
    if (!isRole(me, "landlord")) return Result<Json>::failure(forbiddenError());
    Change c;
    c.event.type = ApplicationEventType::SignLease;
    c.actor = Actor::Landlord;
    return staffAnswer(change(me, applicationId, c, ownLandlord), "staff.done.lease");
}

// ---------------------------------------------------------------- employer

Result<Json> ApplicationService::employerRequests(const Me& me) {
    if (!isRole(me, "employer")) return Result<Json>::failure(forbiddenError());
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
        Json fields{
            {tr("employer.field.civility"), orUnknown(person->civility)},
            {tr("employer.field.last_name"), orUnknown(person->lastName)},
            {tr("employer.field.first_name"), orUnknown(person->firstName)},
            {tr("employer.field.birth_date"), orUnknown(frenchIsoDate(person->birthDate))},
            {tr("employer.field.email"), orUnknown(person->email)},
            {tr("employer.field.employer"),
             orUnknown(file.employerName.empty() ? person->employerName : file.employerName)},
            {tr("employer.field.siret"), orUnknown(person->employerSiret)},
            {tr("employer.field.several"), several ? yes : no},
            // The registration sites do not give the workplace.
            {tr("employer.field.workplace"), unknown},
            {tr("employer.field.current"),
             orUnknown(r.currentAddress.postcode.empty() ? r.currentAddress.commune
                                                         : r.currentAddress.postcode + " " + r.currentAddress.commune)},
            {tr("employer.field.wished"), orUnknown(wished)},
        };
        Json item{{"choice", file.sharingChoice}, {"fields", std::move(fields)}};
        if (file.sharingChoice == 3) {
            std::string typologies;
            for (int t : r.typologies) typologies += (typologies.empty() ? "" : ", ") + domain::typologyLabel(t);
            Json& f = item["fields"];
            f[tr("employer.field.nu")] = file.numeroUnique;
            f[tr("employer.field.phone")] = orUnknown(person->phone);
            f[tr("employer.field.household")] = trf("employer.value.persons", {intText(r.householdSize())});
            f[tr("employer.field.income")] = domain::formatEurosRounded(static_cast<double>(r.householdTaxIncomeN2()));
            f[tr("employer.field.typologies")] = orUnknown(typologies);
            f[tr("employer.field.motive")] = orUnknown(r.motive);
            f[tr("employer.field.priority")] = r.priority.empty() ? std::string(no) : r.priority;
            f[tr("employer.field.housing")] = orUnknown(r.currentHousing);
            f[tr("employer.field.company_code")] = orUnknown(file.companyCode);
            f[tr("employer.field.matricule")] = orUnknown(file.matricule);
            f[tr("employer.field.hire_date")] = orUnknown(frenchIsoDate(file.hireDate));
            f[tr("employer.field.co_applicant")] = r.coApplicant ? personName(*r.coApplicant) : std::string(no);
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
        requests.push_back(std::move(item));
    }
    return Result<Json>::success({{"requests", std::move(requests)}});
}

}  // namespace alin
