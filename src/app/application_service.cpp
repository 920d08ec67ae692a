#include "app/application_service.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

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
    // In the account's language, whoever acted (an advisor's page may be French).
    const i18n::LanguageScope language(accountLanguage(*user));
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
    m.body = withLanguageFooter(
        trf("applications.mail.body", {offer ? offer->title : std::string(), offer ? offer->addressText : std::string(),
                                       offer ? offer->offer.landlord : std::string(), status, extra, url}));
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
        rankText = trn("applications.rank_text", total, {frenchOrdinal(rank), intText(total)});
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
            info["incomeText"] =
                trf("staff.applicant.income",
                    {intText(offers_.data().ceilingsOn(domain::civilFromUnix(clock_.now())).incomeYear),
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
    if (!may(me, domain::Capability::UseRequestFile)) return R::failure(forbiddenError());
    auto context = offers_.applicantContext(me.id);
    if (!context.ok()) return R::failure(*context.error);

    auto alreadyActive = [&](const std::optional<ApplicationRecord>& active) {
        std::string title;
        if (active)
            if (const auto s = offers_.summary(active->offerId)) title = s->title;
        ServiceError e = serviceError(409, "already_active", trf(domain::kRuleOfOneKey, {title}));
        if (active)
            e.details["activeApplication"] = {{"id", active->id}, {"offerId", active->offerId}, {"offerTitle", title}};
        return R::failure(std::move(e));
    };
    // A friendly early answer (the domain's rule); the guarantee is the insertion below.
    if (auto active = storage_.findActiveApplicationOfUser(me.id)) {
        const ApplicationState state = stateOf(*active);
        if (!domain::canApply(std::span(&state, 1))) return alreadyActive(active);
    }
    if (auto refusal = offers_.applyRefusal(*context.value->search, offerId)) return R::failure(*refusal);

    const RequestFileRecord& file = context.value->file;
    const RegistryRequest& request = *context.value->request;
    const int64_t now = clock_.now();
    ApplicationRecord a;
    a.userId = me.id;
    a.requestFileId = file.id;
    a.numeroUnique = file.numeroUnique;
    a.offerId = offerId;
    const ApplicationState initial = domain::initialApplicationState();
    a.stage = std::string(domain::stageCode(initial.stage));
    a.decision = std::string(domain::decisionCode(initial.decision));
    a.step = initial.step;
    a.active = domain::isActive(initial);
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
    if (!may(me, domain::Capability::UseRequestFile)) return Result<Json>::failure(forbiddenError());
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
    if (!may(me, domain::Capability::UseRequestFile)) return Result<Json>::failure(forbiddenError());
    Change c;
    c.event.type = ApplicationEventType::Cancel;
    c.actor = Actor::Applicant;
    auto changed = change(me, applicationId, c, ownApplication);
    if (!changed.ok()) return Result<Json>::failure(*changed.error);
    return Result<Json>::success(
        {{"application", applicantJson(*changed.value, nullptr)}, {"message", tr("applications.cancelled")}});
}

Result<Json> ApplicationService::ranking(const Me& me) {
    Json paragraphs = domain::rankingRulesParagraphs();
    if (may(me, domain::Capability::UseRequestFile))
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
    if (!may(me, domain::Capability::UseRequestFile)) return Result<Json>::failure(forbiddenError());
    storage_.markApplicationsRead(me.id);
    return Result<Json>::success({{"unread", 0}, {"message", tr("applications.read")}});
}

}  // namespace alin
