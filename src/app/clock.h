#pragma once
#include <atomic>
#include <cstdint>

namespace alin {

// Injectable time source (seconds since the Unix epoch) so expiry is testable.
class Clock {
public:
    virtual ~Clock() = default;
    virtual int64_t now() const = 0;
};

class SystemClock final : public Clock {
public:
    int64_t now() const override;
};

// Range of the test clock: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, where
// the civil-date conversions (domain/dates.h) and the service's time sums
// (now + a link lifetime, ...) stay far from overflowing.
inline constexpr int64_t kTestClockMin = 0;
inline constexpr int64_t kTestClockMax = 253402300799;

// Test/dev clock: system time plus an adjustable offset (POST /api/v1/dev/clock).
// Thread-safe: the server may advance it while requests read it.
class OffsetClock final : public Clock {
public:
    int64_t now() const override;
    void advance(int64_t seconds) { offset_ += seconds; }
    void set(int64_t absolute);
    // advance() for untrusted amounts (POST /api/v1/dev/clock): the resulting
    // time is clamped to kTestClockMin..kTestClockMax, whatever `seconds`.
    void advanceClamped(int64_t seconds);

private:
    std::atomic<int64_t> offset_{0};
};

// Unit-test clock: time only moves when told to, so expiry boundaries are exact.
class ManualClock final : public Clock {
public:
    explicit ManualClock(int64_t start = 1'700'000'000) : now_(start) {}
    int64_t now() const override { return now_; }
    void advance(int64_t seconds) { now_ += seconds; }
    void set(int64_t absolute) { now_ = absolute; }

private:
    std::atomic<int64_t> now_;
};

}  // namespace alin
