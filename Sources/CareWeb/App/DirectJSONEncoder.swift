import Foundation
import Vapor

/// The API's JSON encoder: writes bytes as it walks the value. Foundation's `JSONEncoder` first builds a
/// tree of boxed values and then writes it, which was the largest single cost of an API team view (about
/// a tenth of the server's CPU under load, perf on the release build). The JSON is the same document
/// (keys in the order the type encodes them, dates ISO 8601 as Vapor's default encoder writes them); what
/// this encoder does not handle itself — nested or super encoders, `Data`, `Decimal`, `URL` — goes to
/// Foundation's encoder instead, so an unusual type costs more but is never encoded differently.
struct DirectJSONEncoder: ContentEncoder {
  private let fallback = JSONEncoder.custom(dates: .iso8601)

  func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
    try encode(encodable, to: &body, headers: &headers, userInfo: [:])
  }

  func encode<E: Encodable>(
    _ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders,
    userInfo: [CodingUserInfoKey: any Sendable]
  ) throws {
    headers.contentType = .json
    if let bytes = try Self.bytes(of: encodable, userInfo: userInfo) {
      body.writeBytes(bytes)
    } else {
      try fallback.encode(encodable, to: &body, headers: &headers, userInfo: userInfo)
    }
  }

  /// The JSON of `value`, or nil when it uses something only Foundation's encoder handles.
  static func bytes<E: Encodable>(of value: E, userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> [UInt8]? {
    let sink = JSONSink()
    let root = DirectEncoder(sink: sink, userInfo: userInfo)
    try root.write(value)
    return sink.unsupported ? nil : sink.bytes
  }
}

/// The bytes written so far, and whether something was met that only Foundation's encoder handles.
private final class JSONSink {
  var bytes: [UInt8] = []
  var unsupported = false

  init() { bytes.reserveCapacity(1024) }

  @inline(__always) func byte(_ b: UInt8) { bytes.append(b) }

  func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

  /// A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped.
  func string(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { utf8 in
      // Most strings need no escape at all: copy them in one go.
      if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
        bytes.append(contentsOf: utf8)
        return
      }
      for b in utf8 { escaped(b) }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private func escaped(_ b: UInt8) {
    switch b {
    case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
    case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
    case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
    case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
    case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
    case 0x00..<0x20:
      let hex = Array("0123456789abcdef".utf8)
      bytes.append(contentsOf: [
        UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)],
        hex[Int(b & 0xF)],
      ])
    default: bytes.append(b)
    }
  }

  func double(_ d: Double, path: [any CodingKey]) throws {
    guard d.isFinite else {
      throw EncodingError.invalidValue(d, .init(codingPath: path, debugDescription: "\(d) is not valid in JSON"))
    }
    // Whole numbers as integers, as Foundation writes them; others in Swift's shortest round-trip form.
    if d == d.rounded(), abs(d) < 1e15 { raw(String(Int64(d))) } else { raw(d.description) }
  }
}

private let isoDates = Date.ISO8601FormatStyle()

/// One value being encoded. It opens at most one kind of container; `finish` closes it.
private final class DirectEncoder: Encoder {
  let sink: JSONSink
  let userInfo: [CodingUserInfoKey: Any]
  var codingPath: [any CodingKey] { [] }
  /// The closing byte of the container opened (`}` or `]`), or 0 while none is.
  private var closer: UInt8 = 0
  private var wroteSingle = false
  /// Entries written into the open container, for the commas.
  var count = 0

  init(sink: JSONSink, userInfo: [CodingUserInfoKey: Any]) {
    self.sink = sink
    self.userInfo = userInfo
  }

  /// Writes `value` here: the types Foundation's encoder treats specially first, then the value's own
  /// `encode(to:)`, then closes what it opened.
  func write<T: Encodable>(_ value: T) throws {
    // Types compared, not values cast: a cast per value cost more than writing it.
    if T.self == Date.self, let date = value as? Date {
      sink.string(date.formatted(isoDates))
      return
    }
    if T.self == Data.self || T.self == Decimal.self || T.self == URL.self {
      sink.unsupported = true
      return
    }
    try value.encode(to: self)
    finish()
  }

  func finish() {
    if closer != 0 {
      sink.byte(closer)
    } else if !wroteSingle {
      sink.raw("{}")  // a value that encoded nothing is an empty object, as with Foundation
    }
  }

  func open(_ opening: UInt8, _ closing: UInt8) {
    if closer == 0 && !wroteSingle {
      sink.byte(opening)
      closer = closing
    } else if closer != closing {
      sink.unsupported = true  // two kinds of container for one value
    }
  }

  func comma() {
    if count > 0 { sink.byte(UInt8(ascii: ",")) }
    count += 1
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    open(UInt8(ascii: "{"), UInt8(ascii: "}"))
    return KeyedEncodingContainer(DirectKeyedContainer<Key>(encoder: self))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    open(UInt8(ascii: "["), UInt8(ascii: "]"))
    return DirectUnkeyedContainer(encoder: self)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    if closer != 0 || wroteSingle { sink.unsupported = true }
    return DirectSingleValueContainer(encoder: self)
  }

  func singleWritten() { wroteSingle = true }

  /// An encoder for a value inside this one.
  func child() -> DirectEncoder { DirectEncoder(sink: sink, userInfo: userInfo) }

  /// Something only Foundation's encoder does: mark it and hand back an encoder whose bytes are dropped.
  func unsupported() -> DirectEncoder {
    sink.unsupported = true
    return DirectEncoder(sink: JSONSink(), userInfo: userInfo)
  }
}

private struct DirectKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let encoder: DirectEncoder
  var codingPath: [any CodingKey] { [] }
  private var sink: JSONSink { encoder.sink }

  private func key(_ key: Key) {
    encoder.comma()
    sink.string(key.stringValue)
    sink.byte(UInt8(ascii: ":"))
  }

  mutating func encodeNil(forKey k: Key) throws {
    key(k)
    sink.raw("null")
  }
  mutating func encode(_ value: Bool, forKey k: Key) throws {
    key(k)
    sink.raw(value ? "true" : "false")
  }
  mutating func encode(_ value: String, forKey k: Key) throws {
    key(k)
    sink.string(value)
  }
  mutating func encode(_ value: Double, forKey k: Key) throws {
    key(k)
    try sink.double(value, path: [k])
  }
  mutating func encode(_ value: Float, forKey k: Key) throws {
    key(k)
    try sink.double(Double(value), path: [k])
  }
  mutating func encode(_ value: Int, forKey k: Key) throws { integer(value, k) }
  mutating func encode(_ value: Int8, forKey k: Key) throws { integer(value, k) }
  mutating func encode(_ value: Int16, forKey k: Key) throws { integer(value, k) }
  mutating func encode(_ value: Int32, forKey k: Key) throws { integer(value, k) }
  mutating func encode(_ value: Int64, forKey k: Key) throws { integer(value, k) }
  mutating func encode(_ value: UInt, forKey k: Key) throws { integer(value, k) }
  mutating func encode(_ value: UInt8, forKey k: Key) throws { integer(value, k) }
  mutating func encode(_ value: UInt16, forKey k: Key) throws { integer(value, k) }
  mutating func encode(_ value: UInt32, forKey k: Key) throws { integer(value, k) }
  mutating func encode(_ value: UInt64, forKey k: Key) throws { integer(value, k) }

  private func integer<I: BinaryInteger>(_ value: I, _ k: Key) {
    key(k)
    sink.raw(String(value))
  }

  mutating func encode<T: Encodable>(_ value: T, forKey k: Key) throws {
    key(k)
    try encoder.child().write(value)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    encoder.unsupported().container(keyedBy: keyType)
  }
  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    encoder.unsupported().unkeyedContainer()
  }
  mutating func superEncoder() -> any Encoder { encoder.unsupported() }
  mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.unsupported() }
}

/// What the array and single-value containers share: every value is written the same way, after the
/// container's own step (a comma between array items; marking the single value as written).
private protocol DirectValueWriter {
  var encoder: DirectEncoder { get }
  func beforeValue()
}

extension DirectValueWriter {
  private var sink: JSONSink { encoder.sink }

  func encodeNil() throws {
    beforeValue()
    sink.raw("null")
  }
  func encode(_ value: Bool) throws {
    beforeValue()
    sink.raw(value ? "true" : "false")
  }
  func encode(_ value: String) throws {
    beforeValue()
    sink.string(value)
  }
  func encode(_ value: Double) throws {
    beforeValue()
    try sink.double(value, path: [])
  }
  func encode(_ value: Float) throws {
    beforeValue()
    try sink.double(Double(value), path: [])
  }
  func encode(_ value: Int) throws { integer(value) }
  func encode(_ value: Int8) throws { integer(value) }
  func encode(_ value: Int16) throws { integer(value) }
  func encode(_ value: Int32) throws { integer(value) }
  func encode(_ value: Int64) throws { integer(value) }
  func encode(_ value: UInt) throws { integer(value) }
  func encode(_ value: UInt8) throws { integer(value) }
  func encode(_ value: UInt16) throws { integer(value) }
  func encode(_ value: UInt32) throws { integer(value) }
  func encode(_ value: UInt64) throws { integer(value) }

  private func integer<I: BinaryInteger>(_ value: I) {
    beforeValue()
    sink.raw(String(value))
  }

  func encode<T: Encodable>(_ value: T) throws {
    beforeValue()
    try encoder.child().write(value)
  }
}

private struct DirectUnkeyedContainer: UnkeyedEncodingContainer, DirectValueWriter {
  let encoder: DirectEncoder
  var codingPath: [any CodingKey] { [] }
  var count: Int { encoder.count }

  func beforeValue() { encoder.comma() }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    encoder.unsupported().container(keyedBy: keyType)
  }
  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    encoder.unsupported().unkeyedContainer()
  }
  mutating func superEncoder() -> any Encoder { encoder.unsupported() }
}

private struct DirectSingleValueContainer: SingleValueEncodingContainer, DirectValueWriter {
  let encoder: DirectEncoder
  var codingPath: [any CodingKey] { [] }

  func beforeValue() { encoder.singleWritten() }
}
