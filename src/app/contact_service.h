// The contact form and the advisors' inbox (issue 14 part 2):
//  - an applicant writes (a subject from domain/contact.h's list, a message,
//    optionally the application it is about: one of theirs), within the quota
//    (kMessagesPerDay per sliding day, taken by the storage atomically with
//    the insertion), and reads their messages with the answers ("Mes messages");
//  - an advisor (Capability::AnswerContactMessages) reads the open messages,
//    the oldest waiting first, answers one (once: the storage refuses a second
//    answer) - the answer is e-mailed through the outbox in the ACCOUNT's
//    language and shown in the app - and closes it.
// Text is trimmed and counted in characters; too long is refused with the
// limit stated, never cut.
#pragma once
#include <string>

#include "app/account_service.h"

namespace alin {

struct ContactInput {
    std::string subject;        // a domain::contact::kSubjects code
    std::string message;        // the text, at most kMessageMaxChars after trimming
    int64_t applicationId = 0;  // 0: about no application in particular
};

class ContactService {
public:
    ContactService(Storage& storage, Clock& clock, MailTransport& mail, const ServiceConfig& config);

    // {messages: [...] newest first, subjects: [{code, label}], maxLength, perDay}.
    Result<Json> mine(const Me& me);
    // 201 {message: {...}, notice}; 422 validation (every invalid field at
    // once), 429 too_many_messages, 403 for staff.
    Result<Json> send(const Me& me, const ContactInput& input);
    // Advisors only: {messages: [...] with the applicant's name and e-mail, maxLength}.
    Result<Json> inbox(const Me& me);
    Result<Json> answer(const Me& me, int64_t messageId, const std::string& text);
    Result<Json> close(const Me& me, int64_t messageId);

    // One message as the applicant sees it (also the rows of "Mes données").
    static Json messageJson(const ContactMessageRecord& m);

private:
    Storage& storage_;
    Clock& clock_;
    MailTransport& mail_;
    const ServiceConfig& config_;
};

}  // namespace alin
