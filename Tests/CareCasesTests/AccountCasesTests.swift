import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareStore

@Suite("Use cases: sign-in, sessions, password links")
struct AccountCasesTests {
  func admin(_ w: CasesWorld) async throws -> Account {
    try await w.cases.setUp(
      CoopSetup(
        coopName: "Test Co-op", registeredNumber: "RS1", address: "1 High St", adminName: "Ada Admin",
        adminEmail: "ada@example.org", password: "a long enough password"))
  }

  /// The demo fills an empty database once: its printed password signs every role in, and a second try
  /// on a database that holds a co-op writes nothing.
  @Test(arguments: Engine.allCases)
  func theDemoSeedsAnEmptyDatabaseOnlyAndItsPasswordWorks(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (demo, password) = try #require(try await w.cases.seedDemo())
      #expect(password.hasPrefix("demo-") && password.count == 17)
      for account in [demo.admin, demo.personAccount, demo.rotaKeeper] {
        let signedIn = try await w.cases.authenticate(email: account.email!, password: password, from: "10.0.0.1")
        #expect(signedIn.id == account.id)
      }
      let lines = try await w.store.auditEvents(coop: demo.coop.id, limit: 10_000).count
      #expect(try await w.cases.seedDemo() == nil)
      #expect(try await w.store.auditEvents(coop: demo.coop.id, limit: 10_000).count == lines)
      #expect(try await w.store.coops().count == 1)
    }
  }

  @Test(arguments: Engine.allCases)
  func setUpOnceThenSignInWithTheRightPasswordOnly(engine: Engine) async throws {
    try await withCases(engine) { w in
      #expect(try await w.cases.needsSetup())
      let ada = try await admin(w)
      #expect(try await !w.cases.needsSetup())
      await #expect(throws: CareError.notFound) { try await admin(w) }  // a second setup is refused
      await #expect(throws: CareError.invalidCredentials) {
        try await w.cases.authenticate(email: "ada@example.org", password: "wrong", from: "10.0.0.1")
      }
      // The address is matched whatever its case and spaces.
      let signedIn = try await w.cases.authenticate(
        email: "  ADA@example.org ", password: "a long enough password", from: "10.0.0.1")
      #expect(signedIn.id == ada.id)
      // An unknown address costs one check, like a wrong password.
      let checks = await w.passwords.checks
      await #expect(throws: CareError.invalidCredentials) {
        try await w.cases.authenticate(email: "nobody@example.org", password: "x", from: "10.0.0.1")
      }
      #expect(await w.passwords.checks == checks + 1)
    }
  }

  @Test(arguments: Engine.allCases)
  func fiveWrongPasswordsFromOnePlaceLockThatPlaceOut(engine: Engine) async throws {
    try await withCases(engine) { w in
      _ = try await admin(w)
      for _ in 0..<5 {
        await #expect(throws: CareError.invalidCredentials) {
          try await w.cases.authenticate(email: "ada@example.org", password: "guess", from: "10.0.0.9")
        }
      }
      await #expect(throws: CareError.throttled) {
        try await w.cases.authenticate(email: "ada@example.org", password: "a long enough password", from: "10.0.0.9")
      }
      // Ada, elsewhere, still gets in; after the window the first place does too.
      _ = try await w.cases.authenticate(email: "ada@example.org", password: "a long enough password", from: "10.0.0.2")
      w.clock.advance(Limits.window + 1)
      _ = try await w.cases.authenticate(email: "ada@example.org", password: "a long enough password", from: "10.0.0.9")
    }
  }

  @Test(arguments: Engine.allCases)
  func sessionsAreKeptApartByKindAndEndWithSignOut(engine: Engine) async throws {
    try await withCases(engine) { w in
      let ada = try await admin(w)
      let web = try await w.cases.startSession(for: ada, kind: .web, replacing: nil)
      let api = try await w.cases.startSession(for: ada, kind: .api, replacing: nil)
      func who(_ token: String, _ kind: SessionKind) async throws -> ID<Account>? {
        try await w.cases.account(forSession: token, kind: kind, idle: 3600, lifetime: 12 * 3600)?.id
      }
      #expect(try await who(web, .web) == ada.id)
      #expect(try await who(web, .api) == nil)  // a cookie's session is no bearer token
      #expect(try await who(api, .api) == ada.id)
      // Signing in again in the same browser ends the session it had.
      let fresh = try await w.cases.startSession(for: ada, kind: .web, replacing: web)
      #expect(try await who(web, .web) == nil)
      try await w.cases.signOut(token: fresh, account: ada)
      #expect(try await who(fresh, .web) == nil)
    }
  }

  @Test(arguments: Engine.allCases)
  func aResetLinkWorksOnceAndMailsStopAtTheLimit(engine: Engine) async throws {
    try await withCases(engine) { w in
      _ = try await admin(w)
      #expect(try await w.cases.requestPasswordReset(email: "ada@example.org", from: "10.0.0.1") == 1)
      let mail = try #require(await w.mail.sent.last)
      #expect(mail.subject == "Reset your CareCoop password for Test Co-op")
      let token = try #require(mail.body.components(separatedBy: "token=").last?.components(separatedBy: "\n").first)
      #expect(try await w.cases.passwordLinkWorks(token))
      await #expect(throws: CareError.self) {
        try await w.cases.resetPassword(token: token, newPassword: "short", from: "10.0.0.1")
      }
      try await w.cases.resetPassword(token: token, newPassword: "a brand new passphrase", from: "10.0.0.1")
      #expect(try await !w.cases.passwordLinkWorks(token))
      await #expect(throws: CareError.self) {
        try await w.cases.resetPassword(token: token, newPassword: "another new passphrase", from: "10.0.0.1")
      }
      _ = try await w.cases.authenticate(email: "ada@example.org", password: "a brand new passphrase", from: "10.0.0.1")
      // Three mails an hour to one address; the fourth ask sends nothing.
      #expect(try await w.cases.requestPasswordReset(email: "ada@example.org", from: "10.0.0.1") == 1)
      #expect(try await w.cases.requestPasswordReset(email: "ada@example.org", from: "10.0.0.1") == 1)
      #expect(try await w.cases.requestPasswordReset(email: "ada@example.org", from: "10.0.0.1") == 0)
      #expect(await w.mail.sent.count == 3)
    }
  }
}

@Suite("Use cases: a deployment's co-ops")
struct CoopCasesTests {
  @Test(arguments: Engine.allCases)
  func anOperatorsNewCoopStartsEmptyAndItsAdministratorChoosesAPassword(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (first, firstAdmin) = try await setUpCoop(w.store, w.clock)
      let firstRequester = try await w.cases.requester(for: firstAdmin)
      _ = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: firstRequester)
      let (coop, admin, link) = try await w.cases.createCoop(
        CoopSetup(
          coopName: "Ribble Care", registeredNumber: "RS2", address: "2 Mill St", adminName: "Bo Boss",
          adminEmail: "bo@ribble.example", password: ""))
      #expect(coop.id != first.id)
      #expect(try await w.cases.coops().map(\.name).sorted() == ["Ribble Care", "Test Co-op"])
      // No password yet: the link (also mailed) is how Bo gets in.
      await #expect(throws: CareError.invalidCredentials) {
        try await w.cases.authenticate(email: "bo@ribble.example", password: "anything at all", from: "10.0.0.1")
      }
      #expect(await w.mail.sent.last?.to == "bo@ribble.example")
      let token = try #require(link.components(separatedBy: "token=").last)
      try await w.cases.resetPassword(token: token, newPassword: "ribble passphrase", from: "10.0.0.1")
      let bo = try await w.cases.requester(
        for: try await w.cases.authenticate(email: "bo@ribble.example", password: "ribble passphrase", from: "10.0.0.1")
      )
      #expect(bo.account.id == admin.id && bo.account.isAdministrator)
      #expect(try await w.cases.circles(by: bo).circles.isEmpty)  // the first co-op's circle is not here
      #expect(try await w.cases.memberRegister(by: bo).register.isEmpty)
    }
  }

  @Test(arguments: Engine.allCases)
  func aCoopWithMissingDetailsIsNotMade(engine: Engine) async throws {
    try await withCases(engine) { w in
      await #expect(throws: CareError.self) {
        try await w.cases.createCoop(
          CoopSetup(
            coopName: "Half", registeredNumber: "", address: "", adminName: "", adminEmail: "not an address",
            password: ""))
      }
      let coops = try await w.cases.coops()
      #expect(coops.isEmpty)
      #expect(await w.mail.sent.isEmpty)
    }
  }
}

@Suite("Use cases: one's own account")
struct OwnAccountCasesTests {
  @Test(arguments: Engine.allCases)
  func aNewAddressCountsOnlyOnceTheNewAddressConfirmsIt(engine: Engine) async throws {
    try await withCases(engine) { w in
      let ada = try await w.cases.setUp(
        CoopSetup(
          coopName: "Test Co-op", registeredNumber: "RS1", address: "1 High St", adminName: "Ada Admin",
          adminEmail: "ada@example.org", password: "a long enough password"))
      try await w.cases.requestEmailChange(ada, to: " ada@new.example ")
      let sent = await w.mail.sent
      #expect(sent.map(\.to) == ["ada@new.example", "ada@example.org"])  // the link, and a word to the old one
      let token = try #require(sent[0].body.components(separatedBy: "token=").last?.components(separatedBy: "\n").first)
      #expect(try await w.cases.pendingEmailChange(token: token)?.1 == "ada@new.example")
      // Not yet: the old address still signs in, the new one does not.
      _ = try await w.cases.authenticate(email: "ada@example.org", password: "a long enough password", from: "10.0.0.1")
      let changed = try await w.cases.confirmEmailChange(token: token)
      #expect(changed.email == "ada@new.example")
      _ = try await w.cases.authenticate(email: "ada@new.example", password: "a long enough password", from: "10.0.0.1")
      await #expect(throws: CareError.invalidCredentials) {
        try await w.cases.authenticate(email: "ada@example.org", password: "a long enough password", from: "10.0.0.1")
      }
      // The link works once.
      #expect(try await w.cases.pendingEmailChange(token: token) == nil)
      await #expect(throws: CareError.self) { try await w.cases.confirmEmailChange(token: token) }
      let log = try await w.store.auditEvents(coop: ada.coopID).map(\.action)
      #expect(log.contains(.emailChangeRequested) && log.contains(.changeEmail))
    }
  }

  @Test(arguments: Engine.allCases)
  func anAddressAnotherAccountUsesIsRefusedAtAskingAndAtConfirming(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (_, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let north = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
      let pat = try await w.cases.addPerson(
        NewPerson(name: "Pat", email: "pat@example.org", circleID: north.id.description, communicationNeeds: nil),
        by: admin
      ).personAccount
      await #expect(throws: CareError.conflict(FieldError("email", "Another account in your co-op uses that address")))
      {
        try await w.cases.requestEmailChange(adminAccount, to: "pat@example.org")
      }
      await #expect(throws: CareError.conflict(FieldError("email", "That is already your e-mail address"))) {
        try await w.cases.requestEmailChange(adminAccount, to: "admin@example.org")
      }
      // An address the mail server will not take: said plainly, and nothing is mailed to the old one.
      await w.mail.refuse("nowhere@example.org")
      await #expect(
        throws: CareError.invalid("email", "We could not send mail to that address. Check it and try again.")
      ) { try await w.cases.requestEmailChange(adminAccount, to: "nowhere@example.org") }
      #expect(await w.mail.sent.isEmpty)
      // Asked while free, taken before confirming: the confirmation is refused and nothing changes.
      try await w.cases.requestEmailChange(adminAccount, to: "shared@example.org")
      let token = try #require(
        await w.mail.sent.first?.body.components(separatedBy: "token=").last?
          .components(separatedBy: "\n").first)
      try await w.cases.requestEmailChange(pat, to: "shared@example.org")
      let patToken = try #require(
        await w.mail.sent.last { $0.to == "shared@example.org" }?.body
          .components(separatedBy: "token=").last?.components(separatedBy: "\n").first)
      _ = try await w.cases.confirmEmailChange(token: patToken)
      await #expect(
        throws: CareError.conflict(FieldError("token", "Another account in your co-op now uses that address"))
      ) {
        try await w.cases.confirmEmailChange(token: token)
      }
      #expect(try await w.store.account(adminAccount.id)?.email == "admin@example.org")
    }
  }

  @Test(arguments: Engine.allCases)
  func aNameIsChangedAndWrittenDown(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (coop, admin) = try await setUpCoop(w.store, w.clock)
      await #expect(throws: CareError.self) { try await w.cases.rename(admin, to: "   ") }
      let renamed = try await w.cases.rename(admin, to: "Ada Lovelace")
      #expect(renamed.name == "Ada Lovelace")
      #expect(try await w.store.account(admin.id)?.name == "Ada Lovelace")
      #expect(try await w.store.auditEvents(coop: coop.id).first?.action == .changeName)
    }
  }
}
