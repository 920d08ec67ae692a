// E-mail delivery over SMTP (libcurl): the sender of the outbox drainer
// (app/outbox_delivery.h). The services never call it: they write the outbox.
#pragma once
#include <string>

#include "app/outbox_delivery.h"

namespace alin::server {

struct SmtpSettings {
    std::string url;   // "smtp://127.0.0.1:2525", "smtps://host:465", "smtp://user:pass@host"
    std::string from;  // envelope and header sender address
    std::string fromName = "Action Logement Services";
    long connectTimeoutSeconds = 5;
    long timeoutSeconds = 20;
};

class SmtpTransport final : public MailSender {
public:
    // Initialises libcurl globally: construct it before starting threads.
    explicit SmtpTransport(SmtpSettings settings);
    // Hands the message to the SMTP server with this Message-ID. Returns false
    // on any failure; the failure is logged to stderr without the URL, body or
    // links (secrets).
    bool deliver(const MailRecord& mail, const std::string& messageId) override;
    // The domain of the sender address (the right-hand side of Message-IDs).
    std::string senderDomain() const;

private:
    SmtpSettings settings_;
};

// [SECTION] Message formatting (exposed for tests)

// RFC 2047 encoded-word(s) for a header value: ASCII without control
// characters is returned unchanged, anything else becomes
// "=?UTF-8?B?...?=" words of at most 75 characters, folded with CRLF SP.
std::string encodeHeaderWord(const std::string& utf8);
// Quoted-printable (RFC 2045) of UTF-8 text with CRLF line ends.
std::string quotedPrintable(const std::string& text);
// The whole RFC 5322 message: headers, blank line, quoted-printable body. The
// body is followed by the links not already present in it ("label : url").
std::string formatMessage(const MailRecord& mail, const std::string& from, const std::string& fromName,
                          int64_t dateSeconds, const std::string& messageId);

}  // namespace alin::server
