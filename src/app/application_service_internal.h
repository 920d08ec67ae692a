// Internal to the application service's source files (application_service.cpp:
// state changes, JSON views, the applicant's use cases; application_staff.cpp:
// the advisor's, landlord's and employer's steps): shared helpers and limits.
#pragma once
#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "app/application_service.h"
#include "domain/dates.h"
#include "domain/limits.h"
#include "i18n/catalog.h"
#include "reference/registry_types.h"

namespace alin::application_internal {

using domain::ApplicationStage;
using domain::ApplicationState;

constexpr std::size_t kReasonMin = 3;
constexpr std::size_t kReasonMax = 300;
constexpr std::size_t kNoteMax = 300;
constexpr int kMaxSent = domain::limits::kMaxCandidatesSent;  // "désigner jusqu'à trois candidats"

inline std::string intText(int64_t v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

inline ApplicationState stateOf(const ApplicationRecord& a) {
    ApplicationState s;
    s.stage = domain::parseStage(a.stage).value_or(ApplicationStage::Submitted);
    s.decision = domain::parseDecision(a.decision).value_or(domain::CommissionDecision::None);
    s.rank = static_cast<std::uint8_t>(std::clamp(a.rank, 0, 3));
    s.step = static_cast<std::uint8_t>(std::clamp(a.step, 1, domain::kApplicationStepCount));
    return s;
}

// Stopped before the end: invalidated, refused, cancelled, closed, declined.
inline bool failed(const ApplicationState& s) {
    return domain::isTerminal(s.stage) && s.stage != ApplicationStage::LeaseSigned;
}

inline ServiceError unknownApplication() {
    return serviceError(404, "application_unknown", tr("applications.error.unknown"));
}

inline ServiceError validation(const std::string& field, const std::string& message) {
    ServiceError e = serviceError(422, "validation", message, field);
    e.errors.push_back({field, "invalid", message});
    return e;
}

// The permission check of every route is the domain's (domain/roles.h).
inline bool may(const Me& me, domain::Capability capability) {
    return domain::may(me.role, capability);
}

inline std::optional<ServiceError> advisorOnly(const Me& me, const ApplicationRecord&, const OfferService&) {
    if (!may(me, domain::Capability::ReviewApplications)) return forbiddenError();
    return std::nullopt;
}

// A landlord acts only on the applications to its organisation's offers.
inline std::optional<ServiceError> ownLandlord(const Me& me, const ApplicationRecord& a, const OfferService& offers) {
    if (!may(me, domain::Capability::ManageOwnOffers)) return forbiddenError();
    const std::optional<OfferSummary> s = offers.summary(a.offerId);
    if (!s || me.organisation.empty() || s->offer.landlord != me.organisation) return forbiddenError();
    return std::nullopt;
}

inline std::optional<ServiceError> ownApplication(const Me& me, const ApplicationRecord& a, const OfferService&) {
    if (!may(me, domain::Capability::UseRequestFile)) return forbiddenError();
    if (a.userId != me.id) return unknownApplication();  // another's: as if it did not exist
    return std::nullopt;
}

inline int64_t requestCreatedAt(const RegistryRequest& r) {
    const auto d = domain::parseIsoDate(r.createdOn);
    return d ? domain::unixFromCivil(*d) : domain::kUnknownTime;
}

inline std::string personName(const RegistryPerson& p) {
    std::string name = p.firstName;
    if (!name.empty() && !p.lastName.empty()) name += ' ';
    return name + p.lastName;
}

inline std::string frenchIsoDate(std::string_view iso) {
    const auto d = domain::parseIsoDate(iso);
    return d ? domain::toFrenchDate(*d) : std::string(iso);
}

inline std::string digitsOf(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out.push_back(c);
    return out;
}

// The text of one stored event.
inline std::string eventText(const Json& e) {
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

}  // namespace alin::application_internal
