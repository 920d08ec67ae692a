#include "storage/constraints.h"

#include <string_view>

#include "domain/contact.h"

namespace alin::constraints {

namespace {
bool oneOf(std::string_view v, std::initializer_list<std::string_view> allowed) {
    for (std::string_view a : allowed)
        if (v == a) return true;
    return false;
}
}  // namespace

void violated(const std::string& what) {
    throw StorageError("constraint failed: " + what, 0, true);
}

void checkLanguage(const std::string& language) {
    if (!oneOf(language, {"fr", "en"})) violated("users.language");
}

void checkUser(const UserRecord& u) {
    checkLanguage(u.language);
}

void checkRequestFile(const RequestFileRecord& f) {
    if (!oneOf(f.cdii, {"", "yes", "no"})) violated("request_files.cdii");
    if (!oneOf(f.attachTo, {"applicant", "coApplicant"})) violated("request_files.attach_to");
    if (f.sharingChoice < 0 || f.sharingChoice > 3) violated("request_files.sharing_choice");
    if (f.monthlyResourcesCents < -1 || f.monthlyResourcesCents > kMaxDeclaredResourcesCents)
        violated("request_files.monthly_resources_cents");
    if (f.monthlyHousingAidCents < -1 || f.monthlyHousingAidCents > kMaxDeclaredHousingAidCents)
        violated("request_files.monthly_housing_aid_cents");
}

void checkVerificationCode(const VerificationCodeRecord& c) {
    if (!oneOf(c.purpose, {"import", "refresh"})) violated("verification_codes.purpose");
}

void checkOfferState(const OfferStateRecord& s) {
    if (s.applicationsAdded < 0) violated("offer_states.applications_added");
    if (!oneOf(s.status, {"", "open", "closed"})) violated("offer_states.status");
}

void checkAlert(const AlertRecord& a) {
    if (!oneOf(a.frequency, {"immediate", "daily"})) violated("alerts.frequency");
    if (a.digestHour < 0 || a.digestHour > 23) violated("alerts.digest_hour");
}

void checkApplication(const ApplicationRecord& a) {
    if (a.rank < 0 || a.rank > 3) violated("applications.decision_rank");
    if (a.step < 1 || a.step > 7) violated("applications.step");
    const bool activeStage =
        oneOf(a.stage, {"submitted", "validated", "sent_to_landlord", "landlord_contact", "commission", "decided"});
    if (a.active != activeStage) violated("applications: active = (stage is an active one)");
}

void checkContactMessage(const ContactMessageRecord& m) {
    if (!domain::contact::isSubject(m.subject)) violated("CHECK contact_messages.subject");
    if (!domain::contact::isStatus(m.status)) violated("CHECK contact_messages.status");
}

}  // namespace alin::constraints
