import Foundation
import Testing

@testable import CareWeb

/// The upload form's body split into parts however the network cuts it: the same fields and the same file
/// bytes for every piece size, boundary look-alikes inside the file kept as they are, and a body cut off
/// before its end, or with broken headers, refused.
@Suite("Multipart bodies read as they arrive")
struct MultipartScannerTests {
  static let boundary = "----form-7Q"
  /// A file full of what could be mistaken for the boundary.
  static let file: [UInt8] = {
    let lookalike: [UInt8] = Array("\r\n--\r\n------form-7\r\r\n--".utf8)
    let counting: [UInt8] = (0..<200).map { UInt8($0) }
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47]
    for _ in 0..<50 { out += lookalike + counting }
    return out + [UInt8](repeating: 13, count: 40)
  }()

  static func body(fields: [(String, String)], file: [UInt8]) -> [UInt8] {
    var out = Array("preamble the server ignores\r\n".utf8)
    for (name, value) in fields {
      out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }
    out += Array(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"
        .utf8)
    return out + file + Array("\r\n--\(boundary)--\r\nepilogue".utf8)
  }

  /// The parts, each its headers and its bytes, from the body fed in pieces of `size` bytes.
  static func parts(_ body: [UInt8], pieces size: Int) throws -> [([String: String], [UInt8])] {
    var scanner = MultipartScanner(boundary: boundary)
    var parts: [([String: String], [UInt8])] = []
    var headers: [String: String] = [:]
    var bytes: [UInt8] = []
    var at = 0
    while at < body.count {
      for event in try scanner.feed(Array(body[at..<min(at + size, body.count)])) {
        switch event {
        case .header(let name, let value): headers[name] = value
        case .body(let more): bytes += more
        case .end:
          parts.append((headers, bytes))
          (headers, bytes) = ([:], [])
        }
      }
      at += size
    }
    try scanner.finish()
    return parts
  }

  @Test(arguments: [1, 2, 3, 7, 16, 17, 64, 1000, 100_000])
  func theSamePartsWhateverThePieces(size: Int) throws {
    let parts = try Self.parts(
      Self.body(fields: [("csrf_token", "abc"), ("caption", "Knee bends")], file: Self.file), pieces: size)
    #expect(parts.count == 3)
    #expect(parts[0].0["Content-Disposition"] == #"form-data; name="csrf_token""# && parts[0].1 == Array("abc".utf8))
    #expect(parts[1].1 == Array("Knee bends".utf8))
    #expect(parts[2].0["Content-Type"] == "image/png")
    #expect(parts[2].1 == Self.file)
  }

  @Test func aBodyCutOffBeforeItsEndIsRefused() throws {
    let whole = Self.body(fields: [("kind", "photo")], file: Self.file)
    #expect(throws: MultipartScanner.Failure.malformed) {
      _ = try Self.parts(Array(whole.prefix(whole.count - 20)), pieces: 50)
    }
  }

  @Test func brokenOrEndlessHeadersAreRefused() {
    let broken = Array("--\(Self.boundary)\r\nno colon here\r\n\r\nx\r\n--\(Self.boundary)--".utf8)
    #expect(throws: MultipartScanner.Failure.malformed) { _ = try Self.parts(broken, pieces: 10) }
    let endless = Array("--\(Self.boundary)\r\nX-Long: \(String(repeating: "a", count: 9000))".utf8)
    #expect(throws: MultipartScanner.Failure.malformed) { _ = try Self.parts(endless, pieces: 100) }
    let noBoundaryEnd = Array("--\(Self.boundary)\r\nA: b\r\n\r\nx\r\n--\(Self.boundary)xx".utf8)
    #expect(throws: MultipartScanner.Failure.malformed) { _ = try Self.parts(noBoundaryEnd, pieces: 3) }
  }
}
