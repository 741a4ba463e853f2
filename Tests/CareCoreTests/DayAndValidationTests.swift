import CareCore
import Foundation
import PropertyBased
import Testing

@Suite("Days and validation")
struct DayAndValidationTests {
  @Test(arguments: [
    ("2026-02-28", true), ("2026-02-29", false), ("2024-02-29", true), ("2026-13-01", false),
    ("2026-1-01", false), ("", false), ("26-01-01", false), ("2026-04-31", false), ("2026-12-31", true),
  ])
  func parsesOnlyRealDates(text: String, valid: Bool) {
    #expect((Day(iso: text) != nil) == valid)
  }

  @Test func readsLikeGovUK() {
    #expect(Day(iso: "2026-03-03")?.longText == "3 March 2026")
  }

  @Test func roundTripsEveryRealDate() async {
    await propertyCheck(input: Gen.int(in: 1900...2200), Gen.int(in: 1...12), Gen.int(in: 1...31)) { y, m, d in
      if let day = Day(year: y, month: m, day: d) {
        #expect(Day(iso: day.iso) == day)
        #expect(day.iso.count == 10)
      }
    }
  }

  @Test func reportsEveryProblemAtOnce() {
    let setup = CoopSetup(
      coopName: " ", registeredNumber: "", address: "x", adminName: "", adminEmail: "nope", password: "short")
    #expect(throws: CareError.self) { try setup.validated() }
    do {
      _ = try setup.validated()
    } catch {
      guard case .invalid(let errors) = error else {
        Issue.record("expected invalid")
        return
      }
      #expect(Set(errors.map(\.field)) == ["coopName", "registeredNumber", "adminName", "adminEmail", "password"])
    }
  }

  @Test(arguments: ["a@b.co", "ann.lee@example.org", "X@Y.ORG"])
  func acceptsEmails(email: String) throws {
    var v = Validator()
    #expect(v.email(email) == email.lowercased())
    try v.check()
  }

  @Test(arguments: [
    "plain", "a@b", "a b@c.org", "@c.org", "a@.org", "a@b.", String(repeating: "a", count: 250) + "@b.org",
  ])
  func refusesMalformedEmails(email: String) {
    var v = Validator()
    v.email(email)
    #expect(v.errors.map(\.field) == ["email"])
  }

  @Test func textOverTheLimitIsRefused() {
    var v = Validator()
    v.text(String(repeating: "x", count: 201), field: "name", label: "their name")
    #expect(v.errors == [FieldError("name", "Their name must be 200 characters or fewer")])
  }

  @Test func newMemberNeedsAClassDateAndShare() {
    let input = NewMember(name: "Ann", email: nil, memberClass: nil, joinedOn: "2026-02-30", sharePence: -5)
    #expect(
      throws: CareError.invalid([
        FieldError("memberClass", "Select the class of membership"),
        FieldError("joinedOn", "The date they joined must be a real date"),
        FieldError("sharePence", "Enter the share as a whole number of pence from 0 to 10000000"),
      ])
    ) { try input.validated() }
  }

  @Test func handoverTermMustEndAfterItStarts() {
    let input = Handover(
      toAccountID: "00000000-0000-0000-0000-000000000009", termStart: "2026-05-01", termEnd: "2026-04-01")
    #expect(throws: CareError.invalid("termEnd", "The end of the term must be after its start")) {
      try input.validated()
    }
  }

  @Test func votesOnlyWhileAMember() {
    let m = Member(
      id: ID(UUIDs.a), coopID: ID(UUIDs.b), accountID: ID(UUIDs.c), memberClass: .worker,
      joinedOn: Day(iso: "2026-01-10")!, sharePence: 100, leftOn: Day(iso: "2026-06-01")!)
    #expect(!m.canVote(on: Day(iso: "2026-01-09")!))
    #expect(m.canVote(on: Day(iso: "2026-01-10")!))
    #expect(!m.canVote(on: Day(iso: "2026-06-01")!))
  }

  @Test func circleSizeAdviceOnlyPastTheGuide() {
    let guide = SizeGuide()
    #expect(guide.advice(workers: 12, teams: 8) == nil)
    #expect(guide.advice(workers: 13, teams: 8)?.contains("13 workers (guide: 12)") == true)
    #expect(guide.advice(workers: 2, teams: 9)?.contains("splitting") == true)
  }
}

enum UUIDs {
  static let a = UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!
  static let b = UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!
  static let c = UUID(uuidString: "00000000-0000-0000-0000-00000000000c")!
}

@Suite("Identifiers")
struct IdentifierTests {
  /// The fast lower-case text of an id is exactly Foundation's, lower-cased, and reads back as the same id.
  @Test func anIdsTextIsTheCanonicalLowerCaseForm() async {
    let bytes = Gen.int(in: 0...255).array(of: 16...16)
    await propertyCheck(count: 500, input: bytes) { b in
      let uuid = UUID(
        uuid: (
          UInt8(b[0]), UInt8(b[1]), UInt8(b[2]), UInt8(b[3]), UInt8(b[4]), UInt8(b[5]), UInt8(b[6]), UInt8(b[7]),
          UInt8(b[8]), UInt8(b[9]), UInt8(b[10]), UInt8(b[11]), UInt8(b[12]), UInt8(b[13]), UInt8(b[14]), UInt8(b[15])
        ))
      #expect(uuid.lowercasedString == uuid.uuidString.lowercased())
      #expect(ID<Account>(string: ID<Account>(uuid).description)?.rawValue == uuid)
    }
  }
}

@Suite("Audit action names")
struct AuditActionNameTests {
  @Test(arguments: AuditAction.allCases)
  func eachActionIsNamedByItsCapability(action: AuditAction) {
    #expect(action.rawValue.wholeMatch(of: /[a-z]+\.[a-z]+(-[a-z]+)*/) != nil, "\(action.rawValue)")
    #expect(AuditAction(stored: action.rawValue) == action)
    #expect(AuditAction(stored: String(describing: action)) == action, "a line written before namespacing")
  }

  @Test func namesAreUniqueAndUnknownNamesAreNotGuessed() {
    #expect(Set(AuditAction.allCases.map(\.rawValue)).count == AuditAction.allCases.count)
    #expect(AuditAction(stored: "team.burn") == nil)
    #expect(AuditAction.invite.capability == "team")
    #expect(AuditAction.takeCover.capability == "cover")
  }
}
