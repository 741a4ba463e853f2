import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits a `multipart/form-data` body (RFC 7578) into its parts' headers and bytes as the body arrives, in
/// whatever pieces the network gives it: each piece is searched for the boundary once (`memchr`, `memcmp`), so a
/// video streams through at about the speed of a copy, and nothing but the unread tail of a piece is kept.
struct MultipartScanner {
  enum Event: Equatable {
    /// A header of the part that begins (name, value).
    case header(String, String)
    /// Bytes of the current part's body, in order.
    case body([UInt8])
    /// The current part is complete.
    case end
  }

  enum Failure: Error, Equatable {
    /// Headers too long or not `Name: value`, no boundary where one must be, or the body ended early.
    case malformed
  }

  private enum State {
    case preamble, afterDelimiter, headers, body, done
  }

  /// The most bytes of one part's headers.
  static let headerLimit = 8 * 1024

  private let delimiter: [UInt8]
  private var pending: [UInt8]
  private var state = State.preamble

  init(boundary: String) {
    delimiter = Array("\r\n--\(boundary)".utf8)
    // The first boundary may start the body without a line break before it.
    pending = [13, 10]
  }

  var isDone: Bool { if case .done = state { true } else { false } }

  /// Takes the next piece of the body; returns what it completes.
  mutating func feed(_ bytes: [UInt8]) throws(Failure) -> [Event] {
    pending += bytes
    var events: [Event] = []
    var consumed = 0
    defer { pending.removeFirst(consumed) }
    scanning: while true {
      switch state {
      case .preamble:
        guard let at = Self.find(delimiter, in: pending, from: consumed) else {
          // Keep only what could still be the start of the boundary.
          consumed = max(consumed, pending.count - (delimiter.count - 1))
          break scanning
        }
        consumed = at + delimiter.count
        state = .afterDelimiter
      case .afterDelimiter:
        guard pending.count - consumed >= 2 else { break scanning }
        let two = (pending[consumed], pending[consumed + 1])
        consumed += 2
        if two == (45, 45) {  // "--": the last part has ended
          state = .done
        } else if two == (13, 10) {
          state = .headers
        } else {
          throw .malformed
        }
      case .headers:
        if pending.count - consumed >= 2, pending[consumed] == 13, pending[consumed + 1] == 10 {
          consumed += 2  // no headers at all
          state = .body
          continue
        }
        guard let end = Self.find([13, 10, 13, 10], in: pending, from: consumed) else {
          if pending.count - consumed > Self.headerLimit { throw .malformed }
          break scanning
        }
        guard end - consumed <= Self.headerLimit else { throw .malformed }
        let text = String(decoding: pending[consumed..<end], as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") {
          guard let colon = line.firstIndex(of: ":") else { throw .malformed }
          events.append(
            .header(
              String(line[..<colon]).trimmingCharacters(in: .whitespaces),
              String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        consumed = end + 4
        state = .body
      case .body:
        if let at = Self.find(delimiter, in: pending, from: consumed) {
          if at > consumed { events.append(.body(Array(pending[consumed..<at]))) }
          events.append(.end)
          consumed = at + delimiter.count
          state = .afterDelimiter
        } else {
          // All but a tail that might be the boundary's first bytes.
          let safe = pending.count - (delimiter.count - 1)
          if safe > consumed {
            events.append(.body(Array(pending[consumed..<safe])))
            consumed = safe
          }
          break scanning
        }
      case .done:
        consumed = pending.count  // the epilogue, ignored
        break scanning
      }
    }
    return events
  }

  /// The body has ended: it must have reached its closing boundary (else it was cut off: nothing in it
  /// counts).
  func finish() throws(Failure) {
    guard isDone else { throw .malformed }
  }

  /// Where `needle` first occurs in `haystack` at or after `from`: each candidate's first byte found with
  /// `memchr`, the rest compared with `memcmp` (C's own loops, fast even in a debug build).
  static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
    let n = needle.count
    guard n > 0, haystack.count - from >= n else { return nil }
    return haystack.withUnsafeBytes { hay -> Int? in
      needle.withUnsafeBytes { pin -> Int? in
        guard let base = hay.baseAddress, let first = pin.baseAddress else { return nil }
        let last = hay.count - n  // the last place a match can start
        var at = from
        while at <= last {
          guard let hit = memchr(base + at, Int32(needle[0]), last - at + 1) else { return nil }
          let index = base.distance(to: UnsafeRawPointer(hit))
          if memcmp(base + index, first, n) == 0 { return index }
          at = index + 1
        }
        return nil
      }
    }
  }
}
