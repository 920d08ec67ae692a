#pragma once
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

// Sends an e-mail. Implementations: OutboxTransport (stores in the outbox,
// shown by the development mailbox) and SmtpTransport (server-stub, libcurl).
class MailTransport {
public:
    virtual ~MailTransport() = default;
    // Returns false when the message could not be handed over.
    virtual bool send(const MailRecord& mail) = 0;
};

class OutboxTransport final : public MailTransport {
public:
    explicit OutboxTransport(Storage& storage) : storage_(storage) {}
    bool send(const MailRecord& mail) override {
        storage_.insertMail(mail);
        return true;
    }

private:
    Storage& storage_;
};

}  // namespace alin
