#pragma once
#include <functional>
#include <string>
#include <vector>

#include "app/config.h"
#include "i18n/catalog.h"
#include "storage/storage.h"

namespace alin {

// The language of an account's e-mails (issue 15): every e-mail to an account
// is worded under LanguageScope(accountLanguage(user)), whatever the language
// of the request that caused it.
inline i18n::Lang accountLanguage(const UserRecord& user) {
    return user.language == "en" ? i18n::Lang::En : i18n::Lang::Fr;
}

// The body of an e-mail with its last lines, in the current language: the
// language it is written in (the account's) and where to change it.
inline std::string withLanguageFooter(const std::string& body) {
    return body + "\n\n" + tr("mail.language.footer");
}

// The quota rules of one e-mail to `to` (normalised) triggered by a request
// from `clientAddress` (empty: no per-client rule), for Storage::takeQuota.
inline std::vector<QuotaRule> mailQuota(const ServiceConfig& config, const std::string& to,
                                        const std::string& clientAddress) {
    std::vector<QuotaRule> rules{{"mail-to:" + to, config.mailsPerAddressPerHour, kMailQuotaWindowSeconds}};
    if (!clientAddress.empty())
        rules.push_back({"mail-client:" + clientAddress, config.mailsPerClientPerHour, kMailQuotaWindowSeconds});
    return rules;
}

// Sends an e-mail. The one implementation the services get is
// OutboxTransport: the outbox row is the mail (the development mailbox shows
// it; with SMTP configured, the server's OutboxDrainer delivers it,
// app/outbox_delivery.h).
class MailTransport {
public:
    virtual ~MailTransport() = default;
    // Returns false when the message could not be handed over.
    virtual bool send(const MailRecord& mail) = 0;
};

class OutboxTransport final : public MailTransport {
public:
    // `queueForDelivery`: rows are written "pending" for the drainer (SMTP
    // configured), else "none" (the development mailbox only). `onQueued`, if
    // set, is called after each pending row is written (wakes the drainer).
    explicit OutboxTransport(Storage& storage, bool queueForDelivery = false, std::function<void()> onQueued = {})
        : storage_(storage), queue_(queueForDelivery), onQueued_(std::move(onQueued)) {}
    bool send(const MailRecord& mail) override {
        MailRecord row = mail;
        row.delivery = queue_ ? "pending" : "none";
        row.dueAt = 0;  // due at once (its creation)
        row.attempts = 0;
        row.sentAt = 0;
        // 0: a row with the same dedupe key is there already (MailRecord::dedupeKey): not sent again.
        if (storage_.insertMail(row) == 0) return false;
        if (queue_ && onQueued_) onQueued_();
        return true;
    }

private:
    Storage& storage_;
    bool queue_;
    std::function<void()> onQueued_;
};

}  // namespace alin
