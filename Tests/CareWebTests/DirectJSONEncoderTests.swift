import CareCore
import Foundation
import PropertyBased
import Testing
import Vapor

@testable import CareWeb

/// The API's own JSON encoder writes the same documents as Foundation's (with Vapor's ISO 8601 dates):
/// compared as parsed JSON, since the two may order keys and write numbers differently.
@Suite("API: the JSON encoder")
struct DirectJSONEncoderTests {
  static let foundation = JSONEncoder.custom(dates: .iso8601)

  static func sameJSON<T: Encodable>(_ value: T) throws -> Bool {
    let direct = try #require(try DirectJSONEncoder.bytes(of: value), "handled without Foundation")
    let theirs = try foundation.encode(value)
    let a = try JSONSerialization.jsonObject(with: Data(direct), options: .fragmentsAllowed)
    let b = try JSONSerialization.jsonObject(with: theirs, options: .fragmentsAllowed)
    return (a as? NSObject)?.isEqual(b) ?? false
  }

  struct Inner: Codable, Equatable {
    let id: UUID
    let name: String
    let flag: Bool
  }

  enum Colour: String, Codable { case red, blue }

  struct Everything: Codable, Equatable {
    var text = "plain"
    var empty = ""
    var escapes = "quote \" backslash \\ newline \n tab \t bell \u{07} nul \u{00} slash / é € 😀"
    var int = Int.min
    var uint64 = UInt64.max
    var int8: Int8 = -8
    var double = 0.1
    var whole = 3.0
    var negative = -2.5e-7
    var big = 1.0e300
    var float: Float = 1.5
    var missing: String? = nil
    var present: Int? = 4
    var date = Date(timeIntervalSince1970: 1_796_000_000)
    var dates = [Date(timeIntervalSince1970: 0)]
    var colour = Colour.blue
    var inner = Inner(id: UUID(), name: "Ann", flag: true)
    var list = [Inner(id: UUID(), name: "Bo", flag: false), Inner(id: UUID(), name: "Cy", flag: true)]
    var nested = [[1, 2], [], [3]]
    var optionals: [String?] = ["a", nil]
    var map = ["one": 1, "two": 2]
    var day = Day(year: 2026, month: 11, day: 30)!
    var pence = Pence(-150)
  }

  struct Nothing: Codable {}

  @Test func theSameDocumentsAsFoundation() throws {
    #expect(try Self.sameJSON(Everything()))
    #expect(try Self.sameJSON([Everything(), Everything()]))
    #expect(try Self.sameJSON(Nothing()))
    #expect(try Self.sameJSON("a bare string"))
    #expect(try Self.sameJSON(42))
    #expect(try Self.sameJSON([String: Int]()))
    #expect(try DirectJSONEncoder.bytes(of: Nothing()) == Array("{}".utf8))
  }

  /// Types only Foundation's encoder knows are left to it, and the answer is the same.
  @Test func whatItDoesNotKnowGoesToFoundation() throws {
    struct WithData: Codable { var blob = Data([1, 2, 3]) }
    struct WithURL: Codable { var link = URL(string: "https://example.org/a?b=c")! }
    #expect(try DirectJSONEncoder.bytes(of: WithData()) == nil)
    #expect(try DirectJSONEncoder.bytes(of: WithURL()) == nil)
    var body = ByteBuffer()
    var headers = HTTPHeaders()
    try DirectJSONEncoder().encode(WithURL(), to: &body, headers: &headers)
    #expect(headers.contentType == .json)
    let decoded = try JSONDecoder().decode(WithURL.self, from: Data(body.readableBytesView))
    #expect(decoded.link.absoluteString == "https://example.org/a?b=c")
  }

  @Test func numbersJSONCannotHoldAreRefused() {
    struct Bad: Encodable { let value = Double.nan }
    #expect(throws: EncodingError.self) { try DirectJSONEncoder.bytes(of: Bad()) }
  }

  /// Any text a person may type comes back exactly, whatever it holds.
  @Test func anyTextComesBackExactly() async {
    let pieces =
      Array(#"<>"'&;=/ #\abcxyz0é€😀"#).map(String.init) + ["\u{0}", "\u{1F}", "\u{7F}", "\u{202E}", "\n", "\r", "\t"]
    let typing = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...40).map { $0.map { pieces[$0] }.joined() }
    await propertyCheck(count: 300, input: typing) { typed in
      let direct = try #require(try DirectJSONEncoder.bytes(of: ["name": typed]))
      let back = try JSONDecoder().decode([String: String].self, from: Data(direct))
      #expect(back == ["name": typed])
    }
  }
}
