#include "smtp_transport.h"

#include <curl/curl.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>

#include "app/crypto.h"

namespace alin::server {

// [SECTION] Formatting ---------------------------------------------------------

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
        out += kBase64[(n >> 18) & 63];
        out += kBase64[(n >> 12) & 63];
        out += kBase64[(n >> 6) & 63];
        out += kBase64[n & 63];
    }
    if (i + 1 == in.size()) {
        uint32_t n = uint8_t(in[i]) << 16;
        out += kBase64[(n >> 18) & 63];
        out += kBase64[(n >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
        out += kBase64[(n >> 18) & 63];
        out += kBase64[(n >> 12) & 63];
        out += kBase64[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

// Header values never carry line breaks (header injection).
std::string singleLine(const std::string& s) {
    std::string out;
    for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
    return out;
}

std::string rfc5322Date(int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                  months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

// "<address>" for SMTP envelopes.
std::string angleAddress(const std::string& address) {
    std::string out;
    out.reserve(address.size() + 2);
    out += '<';
    out += singleLine(address);
    out += '>';
    return out;
}

std::string domainOf(const std::string& address) {
    auto at = address.rfind('@');
    return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

}  // namespace

std::string encodeHeaderWord(const std::string& utf8In) {
    const std::string utf8 = singleLine(utf8In);
    bool plain = true;
    for (unsigned char c : utf8) {
        if (c < 0x20 || c >= 0x7f) plain = false;
    }
    if (plain && utf8.find("=?") == std::string::npos) return utf8;

    // "=?UTF-8?B?" + base64 + "?=" <= 75 characters: at most 45 bytes per word,
    // cut on UTF-8 character boundaries so each word decodes on its own.
    constexpr size_t kMaxBytes = 45;
    std::string out;
    size_t pos = 0;
    while (pos < utf8.size()) {
        size_t end = std::min(pos + kMaxBytes, utf8.size());
        while (end < utf8.size() && end > pos && (uint8_t(utf8[end]) & 0xC0) == 0x80) --end;
        if (end == pos) end = std::min(pos + kMaxBytes, utf8.size());  // not UTF-8: cut anyway
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(std::string_view(utf8).substr(pos, end - pos)) + "?=";
        pos = end;
    }
    return out;
}

std::string quotedPrintable(const std::string& text) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    size_t lineStart = 0;
    while (lineStart <= text.size()) {
        size_t lineEnd = text.find('\n', lineStart);
        if (lineEnd == std::string::npos) lineEnd = text.size();
        std::string_view line(text.data() + lineStart, lineEnd - lineStart);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

        size_t column = 0;
        for (size_t i = 0; i < line.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(line[i]);
            bool last = i + 1 == line.size();
            std::string piece;
            if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) {
                piece = static_cast<char>(c);
            } else {
                piece = {'=', hex[c >> 4], hex[c & 15]};
            }
            // Soft break so no encoded line exceeds 76 characters (75 + "=").
            if (column + piece.size() > 75) {
                out += "=\r\n";
                column = 0;
            }
            out += piece;
            column += piece.size();
        }
        if (lineEnd == text.size()) break;
        out += "\r\n";
        lineStart = lineEnd + 1;
    }
    return out;
}

std::string formatMessage(const MailRecord& mail, const std::string& from, const std::string& fromName,
                          int64_t dateSeconds, const std::string& messageId) {
    std::string body = mail.body;
    std::string extra;
    if (mail.links.is_array()) {
        for (const auto& link : mail.links) {
            std::string url = link.value("url", "");
            if (url.empty() || body.find(url) != std::string::npos) continue;
            std::string label = link.value("label", "");
            extra += (label.empty() ? url : label + " : " + url) + "\n";
        }
    }
    if (!extra.empty()) {
        if (!body.empty() && body.back() != '\n') body += '\n';
        body += "\n" + extra;
    }

    std::string m;
    m += "Date: " + rfc5322Date(dateSeconds) + "\r\n";
    m += "From: " + encodeHeaderWord(fromName) + " <" + singleLine(from) + ">\r\n";
    m += "To: <" + singleLine(mail.to) + ">\r\n";
    m += "Message-ID: <" + messageId + ">\r\n";
    m += "Subject: " + encodeHeaderWord(mail.subject) + "\r\n";
    // One-click unsubscribe (RFC 2369, RFC 8058): the link marked "unsubscribe"
    // carries the URL that a POST "List-Unsubscribe=One-Click" acts on (the alerts' e-mails).
    if (mail.links.is_array())
        for (const auto& link : mail.links)
            if (link.is_object() && link.contains("unsubscribe") && link["unsubscribe"].is_string()) {
                m += "List-Unsubscribe: <" + singleLine(link["unsubscribe"].get<std::string>()) + ">\r\n";
                m += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
                break;
            }
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: quoted-printable\r\n";
    m += "\r\n";
    m += quotedPrintable(body);
    m += "\r\n";
    return m;
}

// [SECTION] Transport ----------------------------------------------------------

namespace {

struct Upload {
    const std::string* data;
    size_t offset = 0;
};

size_t readPayload(char* buffer, size_t size, size_t count, void* userData) {
    auto* upload = static_cast<Upload*>(userData);
    size_t room = size * count;
    size_t left = upload->data->size() - upload->offset;
    size_t n = std::min(room, left);
    std::memcpy(buffer, upload->data->data() + upload->offset, n);
    upload->offset += n;
    return n;
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string SmtpTransport::senderDomain() const {
    return domainOf(settings_.from);
}

bool SmtpTransport::deliver(const MailRecord& mail, const std::string& messageId) {
    const int64_t date = mail.createdAt > 0 ? mail.createdAt : static_cast<int64_t>(std::time(nullptr));
    const std::string message = formatMessage(mail, settings_.from, settings_.fromName, date, messageId);

    CURL* curl = curl_easy_init();
    if (!curl) {
        std::fprintf(stderr, "SMTP: cannot initialise libcurl\n");
        return false;
    }
    const std::string mailFrom = angleAddress(settings_.from);
    const std::string rcpt = angleAddress(mail.to);
    curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
    Upload upload{&message};
    char errorBuffer[CURL_ERROR_SIZE] = {0};

    curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mailFrom.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readPayload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings_.connectTimeoutSeconds);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings_.timeoutSeconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // several server threads may send at once
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    // STARTTLS when the server offers it; smtps:// URLs are TLS from the start.
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));

    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) {
        // Never log the URL (it may hold credentials), the body or the links (tokens).
        std::fprintf(stderr, "SMTP: delivery failed: %s\n", errorBuffer[0] ? errorBuffer : curl_easy_strerror(rc));
        return false;
    }
    return true;
}

}  // namespace alin::server
