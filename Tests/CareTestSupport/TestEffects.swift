import CareCases
import CareCore
import CareStore
import Foundation

/// Keeps every mail instead of sending it.
public actor RecordingMailer: Mailer {
  public struct Message: Sendable, Equatable {
    public let to: String
    public let subject: String
    public let body: String
  }
  public private(set) var sent: [Message] = []
  /// Addresses the mail server would not take (as a real one refuses what it cannot deliver to).
  public private(set) var undeliverable: Set<String> = []

  public init() {}

  public func refuse(_ address: String) { undeliverable.insert(address) }

  public struct Refused: Error {}

  public func send(to: String, subject: String, body: String) async throws {
    if undeliverable.contains(to) { throw Refused() }
    sent.append(Message(to: to, subject: subject, body: body))
  }
}

/// Passwords without bcrypt's cost, for use-case tests: the "hash" is the password behind a prefix, so a
/// test still sees a wrong password refused. Counts the checks spent, to show unknown addresses cost one.
public actor PlainPasswords: PasswordHashing {
  public private(set) var checks = 0
  public init() {}
  public func hash(_ password: String) async throws -> String { "plain:" + password }
  public func verify(_ password: String, hash: String) async throws -> Bool {
    checks += 1
    return hash == "plain:" + password
  }
  public func spendOneCheck(_ password: String) async throws { checks += 1 }
}

/// The use cases on a fresh store of the given engine, with recording mail and plain passwords.
public struct CasesWorld: Sendable {
  public let cases: Cases
  public let store: Store
  public let clock: TestClock
  public let mail: RecordingMailer
  public let passwords: PlainPasswords
}

/// The rota engine searches a fixed number of moves in tests (the same plan on any machine, in well under a
/// second for a small circle).
public let testWeekSearch = WeekSearch(seed: 1, seconds: 10, iterations: 20_000)

public func withCases(_ engine: Engine, _ body: (CasesWorld) async throws -> Void) async throws {
  try await withStore(engine) { store, clock in
    let mail = RecordingMailer()
    let passwords = PlainPasswords()
    let cases = Cases(
      store: store, effects: clock.env, passwords: passwords, mailer: mail,
      links: Links(
        passwordLink: { "https://coop.example/reset-password?token=\($0)" },
        teamLink: { "https://coop.example/teams/\($0)" },
        emailConfirmLink: { "https://coop.example/account/confirm-email?token=\($0)" },
        personWeekPath: { "/teams/\($0)/week?week=\($1.iso)" }, myWeekPath: { "/my-week?week=\($0.iso)" },
        siteLink: { "https://coop.example" + $0 }, coverPath: { "/my-week/cover" },
        patternPath: { "/teams/\($0)/pattern" }, medicinesPath: { "/teams/\($0)/medicines" },
        recordPath: { "/visits/\($0)/record" }, mediaPath: { "/teams/\($0)/media" },
        planPath: { "/teams/\($0)/plan" }, proposalPath: { "/proposals/\($0)" },
        concernPath: { $0.map { "/concerns/\($0)" } ?? "/concerns" }, teamSayPath: { "/teams/\($0)/say" },
        hatPath: { "/hats/\($0)" }, meetingPath: { "/meetings/\($0)" }),
      files: try DiskFileStorage(
        root: FileManager.default.temporaryDirectory.appendingPathComponent("carecoop-files-\(UUID())")),
      weekSearch: testWeekSearch)
    try await body(CasesWorld(cases: cases, store: store, clock: clock, mail: mail, passwords: passwords))
  }
}
