#include "app/contact_service.h"

#include "app/offer_service.h"
#include "domain/contact.h"
#include "domain/format.h"
#include "domain/roles.h"
#include "domain/utf8.h"
#include "i18n/catalog.h"

namespace alin {

namespace contact = domain::contact;

namespace {

FieldError fieldError(const std::string& field, const std::string& code, const std::string& message) {
    return {field, code, message};
}

ServiceError invalid(std::vector<FieldError> errors) {
    ServiceError e = serviceError(422, "validation", errors.front().message, errors.front().field);
    e.errors = std::move(errors);
    return e;
}

std::string subjectLabel(const std::string& code) {
    return contact::isSubject(code) ? tr("contact.subject." + code + ".label") : code;
}

// Trimmed text, or the field error: empty, too long (the limit and the count
// stated), or not UTF-8.
std::optional<FieldError> checkText(const std::string& trimmed, const std::string& field, size_t maxChars,
                                    const char* emptyKey) {
    if (!domain::utf8::isValid(trimmed)) return fieldError(field, "invalid", tr("contact.error.text_invalid"));
    if (trimmed.empty()) return fieldError(field, "required", tr(emptyKey));
    const size_t length = domain::utf8::codePointCount(trimmed);
    if (length > maxChars)
        return fieldError(field, "too_long",
                          trf("contact.error.too_long", {domain::formatNumber(static_cast<double>(length)),
                                                         domain::formatNumber(static_cast<double>(maxChars))}));
    return std::nullopt;
}

ServiceError unknownMessage() {
    return serviceError(404, "message_unknown", tr("contact.error.unknown"));
}

}  // namespace

ContactService::ContactService(Storage& storage, Clock& clock, MailTransport& mail, const ServiceConfig& config)
    : storage_(storage), clock_(clock), mail_(mail), config_(config) {}

Json ContactService::messageJson(const ContactMessageRecord& m) {
    return {{"id", m.id},
            {"subject", m.subject},
            {"subjectLabel", subjectLabel(m.subject)},
            {"message", m.body},
            {"applicationId", m.applicationId},
            {"createdAt", m.createdAt},
            {"status", m.status},
            {"answer", m.answer},
            {"answeredAt", m.answeredAt},
            {"closedAt", m.closedAt}};
}

Result<Json> ContactService::mine(const Me& me) {
    if (!domain::may(me.role, domain::Capability::WriteContactMessages)) return Result<Json>::failure(forbiddenError());
    Json messages = Json::array();
    for (const ContactMessageRecord& m : storage_.listContactMessagesOfUser(me.id)) messages.push_back(messageJson(m));
    Json subjects = Json::array();
    for (std::string_view code : contact::kSubjects)
        subjects.push_back({{"code", code}, {"label", subjectLabel(std::string(code))}});
    return Result<Json>::success({{"messages", std::move(messages)},
                                  {"subjects", std::move(subjects)},
                                  {"maxLength", contact::kMessageMaxChars},
                                  {"perDay", contact::kMessagesPerDay}});
}

Result<Json> ContactService::send(const Me& me, const ContactInput& input) {
    using R = Result<Json>;
    if (!domain::may(me.role, domain::Capability::WriteContactMessages)) return R::failure(forbiddenError());
    std::vector<FieldError> errors;
    if (!contact::isSubject(input.subject))
        errors.push_back(
            fieldError("subject", input.subject.empty() ? "required" : "invalid", tr("contact.error.subject")));
    const std::string text(domain::utf8::trim(input.message));
    if (auto e = checkText(text, "message", contact::kMessageMaxChars, "contact.error.message_empty"))
        errors.push_back(*e);
    if (input.applicationId != 0) {
        const std::optional<ApplicationRecord> a = storage_.findApplication(input.applicationId);
        if (!a || a->userId != me.id)  // another's: as if it did not exist
            errors.push_back(fieldError("applicationId", "invalid", tr("contact.error.application")));
    }
    if (!errors.empty()) return R::failure(invalid(std::move(errors)));

    ContactMessageRecord m;
    m.userId = me.id;
    m.subject = input.subject;
    m.body = text;
    m.applicationId = input.applicationId;
    m.createdAt = clock_.now();
    m.id = storage_.insertContactMessage(m, contact::kMessagesPerDay, contact::kQuotaWindowSeconds);
    if (m.id == 0) {
        ServiceError e = serviceError(
            429, "too_many_messages",
            trn("contact.error.quota", contact::kMessagesPerDay, {std::to_string(contact::kMessagesPerDay)}));
        return R::failure(std::move(e));
    }
    return R::success({{"message", messageJson(m)}, {"notice", tr("contact.sent")}});
}

Result<Json> ContactService::inbox(const Me& me) {
    if (!domain::may(me.role, domain::Capability::AnswerContactMessages))
        return Result<Json>::failure(forbiddenError());
    Json messages = Json::array();
    for (const ContactMessageRecord& m : storage_.listOpenContactMessages()) {
        Json j = messageJson(m);
        if (const std::optional<UserRecord> user = storage_.findUserById(m.userId)) {
            j["applicantName"] = user->firstName + " " + user->birthName;
            j["applicantEmail"] = user->email;
        }
        messages.push_back(std::move(j));
    }
    return Result<Json>::success({{"messages", std::move(messages)}, {"maxLength", contact::kAnswerMaxChars}});
}

Result<Json> ContactService::answer(const Me& me, int64_t messageId, const std::string& rawText) {
    using R = Result<Json>;
    if (!domain::may(me.role, domain::Capability::AnswerContactMessages)) return R::failure(forbiddenError());
    std::optional<ContactMessageRecord> m = storage_.findContactMessage(messageId);
    if (!m) return R::failure(unknownMessage());
    const std::string text(domain::utf8::trim(rawText));
    if (auto e = checkText(text, "answer", contact::kAnswerMaxChars, "contact.error.answer_empty"))
        return R::failure(invalid({*e}));
    const int64_t now = clock_.now();
    // Once: of two advisors answering at the same time, one is recorded and e-mailed.
    if (!storage_.answerContactMessage(messageId, text, me.id, now))
        return R::failure(serviceError(409, "already_answered", tr("contact.error.already_answered")));
    m->status = "answered";
    m->answer = text;
    m->answeredBy = me.id;
    m->answeredAt = now;

    const std::optional<UserRecord> user = storage_.findUserById(m->userId);
    if (user && !user->email.empty()) {
        const i18n::LanguageScope language(accountLanguage(*user));  // the account's, whoever answered
        const std::string url = config_.publicBaseUrl + "#/mes-messages";
        MailRecord mail;
        mail.to = user->email;
        mail.subject = tr("contact.mail.subject");
        mail.body = withLanguageFooter(trf("contact.mail.body", {user->firstName, domain::formatDate(m->createdAt),
                                                                 subjectLabel(m->subject), text, url}));
        mail.links = Json::array({{{"label", tr("contact.mail.link")}, {"url", url}}});
        mail.createdAt = now;
        mail_.send(mail);
    }
    return R::success({{"message", messageJson(*m)}, {"notice", tr("contact.answered")}});
}

Result<Json> ContactService::close(const Me& me, int64_t messageId) {
    using R = Result<Json>;
    if (!domain::may(me.role, domain::Capability::AnswerContactMessages)) return R::failure(forbiddenError());
    if (!storage_.findContactMessage(messageId)) return R::failure(unknownMessage());
    if (!storage_.closeContactMessage(messageId, clock_.now()))
        return R::failure(serviceError(409, "already_closed", tr("contact.error.already_closed")));
    return R::success(
        {{"message", messageJson(*storage_.findContactMessage(messageId))}, {"notice", tr("contact.closed")}});
}

}  // namespace alin
