import CareCases
import CareCore
import CareTestSupport
import Foundation
import Plot
import PropertyBased
import Testing
import Vapor
import VaporTesting

@testable import CareStore
@testable import CareWeb

/// The findings of the security probe (issue 10), each pinned by the behaviour an attacker would see.
@Suite("Security")
struct SecurityTests {
  static let payload = #""><meta http-equiv="refresh" content="0;url=https://evil.example/">'&amp;"#

  // MARK: H1 attribute values are escaped

  /// Every attribute helper CareWeb uses writes `& " ' < >` as references, so a value cannot end its
  /// attribute (the shadowing declarations in EscapedAttributes.swift take effect for each).
  @Test func everyAttributeHelperEscapesItsValue() {
    let p = Self.payload
    let escaped = AttributeText.escape(p)
    #expect(!escaped.contains("\"") && !escaped.contains("<") && !escaped.contains("'"))
    let rendered = AttributeText.everyHelper(rendering: p)
    #expect(rendered.count == 17)
    for html in rendered {
      #expect(!html.contains("<meta http-equiv"), "\(html)")
      #expect(html.contains(escaped), "\(html)")
    }
  }

  /// A random string put into a form field comes back out of the page as the same attribute value, and
  /// adds no element: the field renders the same number of tags whatever it holds.
  @Test func formFieldsGiveBackExactlyWhatWasTyped() async {
    let pieces =
      Array(#"<>"'&;=/ #\abcxyz0é€"#).map(String.init) + ["\u{202E}", "\n", "\t", "&amp;", "&quot;", "&#39;"]
    let typing = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...40).map { $0.map { pieces[$0] }.joined() }
    await propertyCheck(count: 300, input: typing) { typed in
      let state = FormState(values: ["name": typed])
      let html = Node<HTML.BodyContext>.form(Forms.text("name", label: "Name", state: state)).render()
      let plain = Node<HTML.BodyContext>.form(Forms.text("name", label: "Name", state: FormState())).render()
      #expect(html.filter { $0 == "<" }.count == plain.filter { $0 == "<" }.count)
      // Plot leaves an empty value out altogether.
      #expect((Self.attribute("value", in: html) ?? "") == typed)
    }
  }

  /// The value of the first `name="…"` attribute, its character references read back.
  static func attribute(_ name: String, in html: String) -> String? {
    guard let start = html.range(of: " \(name)=\"") else { return nil }
    let rest = html[start.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    var value = String(rest[..<end])
    for (reference, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
      value = value.replacingOccurrences(of: reference, with: character)
    }
    return value
  }

  @Test(arguments: Engine.allCases)
  func aCraftedNextLinkShowsAsTextNotMarkup(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      _ = try await t.seedDemo()
      let query = Self.payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
      let page = try await t.send(.GET, "/sign-in?next=\(query)")
      #expect(page.status == .ok)
      #expect(!page.text.contains("<meta http-equiv"))
      #expect(Self.attribute("value", in: page.text.components(separatedBy: "name=\"next\"").last ?? "") != nil)
      #expect(page.text.contains(AttributeText.escape(Self.payload)))
      let csp = page.headers.first(name: "Content-Security-Policy") ?? ""
      #expect(csp.contains("base-uri 'none'") && csp.contains("object-src 'none'"))
    }
  }

  // MARK: H2 the throttle counts tries in flight (in the database: see `LimitTests` in the store's tests)

  /// At most `slots` bcrypt checks run at once; a few more wait; the rest are turned away.
  @Test func bcryptWorkIsCapped() async {
    let gate = WorkGate(slots: 2, queue: 3)
    let entered = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<10 {
        group.addTask {
          guard await gate.enter() else { return false }
          try? await Task.sleep(for: .milliseconds(100))
          await gate.leave()
          return true
        }
      }
      return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(entered == 5)
  }

  /// Failures are kept in the database: a restart (a fresh throttle in memory) does not forget them.
  @Test(arguments: Engine.allCases)
  func failuresOutliveARestart(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let email = demo.family.email!
      for _ in 0..<5 {
        let wrong = try await t.send(.POST, "/sign-in", form: ["email": email, "password": "not the password"])
        #expect(wrong.status == .unprocessableEntity)
      }
      let before = t.app.care
      let c = before.cases
      t.app.care = CareContext(
        store: before.store, config: before.config, env: before.env, mailer: before.mailer,
        bcryptGate: before.bcryptGate, printer: before.printer, jobs: before.jobs,
        cases: Cases(
          store: c.store, effects: c.effects, passwords: c.passwords, mailer: c.mailer, links: c.links, files: c.files,
          weekSearch: c.weekSearch))
      let right = try await t.send(.POST, "/sign-in", form: ["email": email, "password": TestApp.demoPassword])
      #expect(right.status == .tooManyRequests)
      t.clock.advance(Limits.window + 1)
      #expect(
        try await t.send(.POST, "/sign-in", form: ["email": email, "password": TestApp.demoPassword]).status
          == .seeOther)
    }
  }

  /// Forgot-password mail is limited (3 an hour for one address) and the page says the same either way.
  @Test(arguments: Engine.allCases)
  func resetMailIsLimitedAndTheAnswerNeverChanges(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      var pages: Set<String> = []
      for email in [
        demo.family.email!, demo.family.email!, demo.family.email!, demo.family.email!, "nobody@example.org",
      ] {
        let answer = try await t.send(.POST, "/forgot-password", form: ["email": email])
        #expect(answer.status == .ok)
        pages.insert(answer.text.replacingOccurrences(of: email, with: "EMAIL"))
        await t.app.care.jobs.drain()
      }
      #expect(pages.count == 1)
      let sent = await t.mail.sent
      #expect(sent.filter { $0.to == demo.family.email! }.count == 3)
      // Many at once for another address: never more than the limit, however they interleave.
      let arranger = demo.arranger.email!
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<8 {
          group.addTask { _ = try await t.send(.POST, "/forgot-password", form: ["email": arranger]) }
        }
        try await group.waitForAll()
      }
      await t.app.care.jobs.drain()
      #expect(await t.mail.sent.filter { $0.to == arranger }.count <= 3)
    }
  }

  /// A reset link that does not work costs no bcrypt and counts against the address: past 20, even a
  /// good link waits.
  @Test(arguments: Engine.allCases)
  func badResetLinksAreCountedBeforeAnyHashing(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      for i in 0..<20 {
        let bad = try await t.send(
          .POST, "/reset-password", form: ["token": "guess-\(i)", "password": "a long new password"])
        #expect(bad.status == .unprocessableEntity)
      }
      _ = try await t.send(.POST, "/forgot-password", form: ["email": demo.family.email!])
      await t.app.care.jobs.drain()
      let mail = try #require(await t.mail.sent.last)
      let token = try #require(mail.body.split(separator: "=").last?.prefix { !$0.isWhitespace })
      let good = try await t.send(
        .POST, "/reset-password", form: ["token": String(token), "password": "a long new password"])
      #expect(good.status == .tooManyRequests)
    }
  }

  // A write that races the writer hangs rather than fails (it did, for 48 min in CI): fail instead. Alone it
  // takes seconds; inside the whole suite on 2 cores it took 236 s once and over 360 s in session 19, so the
  // limit leaves room for that and still ends a hang long before CI's 90 minutes.
  @Test(.timeLimit(.minutes(10)), arguments: Engine.allCases)
  func parallelAPISignInsGetAtMostFiveTriesAndThenEvenTheRightPasswordWaits(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let email = demo.arranger.email!
      let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
        for _ in 0..<20 {
          group.addTask {
            try await t.send(.POST, "/api/v1/sessions", json: #"{"email":"\#(email)","password":"wrong password"}"#)
              .status.code
          }
        }
        return try await group.reduce(into: [UInt]()) { $0.append($1) }
      }
      #expect(statuses.filter { $0 == 401 }.count <= 5)
      #expect(statuses.filter { $0 == 429 }.count >= 15)
      #expect(statuses.allSatisfy { $0 == 401 || $0 == 429 })
      let right = try await t.send(
        .POST, "/api/v1/sessions", json: #"{"email":"\#(email)","password":"\#(TestApp.demoPassword)"}"#)
      #expect(right.status == .tooManyRequests)
      let events = try await t.store.auditEvents(coop: demo.coop.id, limit: 1000)
      #expect(events.filter { $0.action == .signInRefused && $0.actorID == demo.arranger.id }.count >= 15)
      #expect(events.filter { $0.action == .signInFailed && $0.actorID == demo.arranger.id }.count <= 5)
    }
  }

  // MARK: M1 open redirect

  @Test(arguments: [
    ("/teams/1", "/teams/1"),
    ("/", "/"),
    ("//evil.example", "/"),
    ("/\t/evil.example", "/"),
    ("/\r/evil.example", "/"),
    ("/\n/evil.example", "/"),
    (" /evil", "/"),
    ("/ /evil", "/"),
    ("/\\evil.example", "/"),
    ("\\\\evil.example", "/"),
    ("https://evil.example", "/"),
    ("/%09/evil.example", "/%09/evil.example"),
    ("", "/"),
  ])
  func onlyPlainLocalPathsAreFollowedAfterSignIn(next: String, goesTo: String) {
    #expect(AuthController.safeNext(next) == goesTo)
  }

  // MARK: M3, M4 resets and control characters

  @Test(arguments: Engine.allCases)
  func aResetEndsEveryOtherLinkOfTheAccount(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let email = demo.family.email!
      var tokens: [String] = []
      for _ in 0..<2 {
        _ = try await t.send(.POST, "/forgot-password", form: ["email": email])
        await t.app.care.jobs.drain()
        let mail = try #require(await t.mail.sent.last)
        let link = try #require(mail.body.split(separator: " ").first { $0.contains("token=") })
        tokens.append(String(link.split(separator: "=").last!.prefix { !$0.isWhitespace }))
      }
      let used = try await t.send(
        .POST, "/reset-password", form: ["token": tokens[1], "password": "a brand new password"])
      #expect(used.status == .ok)
      #expect(try await t.send(.GET, "/reset-password?token=\(tokens[0])").status == .notFound)
      let older = try await t.send(
        .POST, "/reset-password", form: ["token": tokens[0], "password": "another password 2"])
      #expect(older.status == .unprocessableEntity)
    }
  }

  @Test(arguments: ["\u{0}", "\u{1B}", "\u{202E}", "\u{7}"], Engine.allCases)
  func controlCharactersAreRefusedNeverStored(bad: String, engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      #expect(
        try await t.send(.POST, "/sign-in", form: ["email": "a\(bad)@b.org", "password": "x"]).status
          == .unprocessableEntity)
      #expect(
        try await t.send(.POST, "/forgot-password", form: ["email": "a\(bad)@b.org"]).status == .unprocessableEntity)
      let arranger = try await t.session(for: demo.arranger)
      let invite = try await t.send(
        .POST, "/teams/\(demo.person.id)/invite", session: arranger,
        form: ["name": "Eve\(bad)", "email": "eve@example.org", "relationship": "friend"])
      #expect(invite.status == .unprocessableEntity)
      #expect(invite.text.contains("must not contain"))
      let admin = try await t.session(for: demo.admin, kind: "api")
      let json = String(decoding: try JSONEncoder().encode(["name": "Eve\(bad)", "circleID": "x"]), as: UTF8.self)
      let api = try await t.send(.POST, "/api/v1/people", bearer: admin, json: json)
      #expect(api.status == .unprocessableEntity)
    }
  }

  // MARK: M7 nothing learnt about other co-ops

  /// Inviting, or adding as a member, an address another co-op uses answers exactly as for a new address:
  /// it becomes an account of this co-op. Each account signs in with its own password, and a reset mails
  /// one link for each co-op.
  @Test(arguments: Engine.allCases)
  func anAddressUsedInAnotherCoopTellsNothingAndWorksInBoth(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, otherAdmin) = try await t.seedDemo()
      let used = otherAdmin.email!
      let person = try await t.session(for: demo.personAccount)
      var answers: [String] = []
      for email in [used, "someone.new@example.org"] {
        let invite = try await t.send(
          .POST, "/teams/\(demo.person.id)/invite", session: person,
          form: ["name": "Olu Other", "email": email, "relationship": "friend"])
        answers.append("\(invite.status.code) \(invite.headers.first(name: .location) ?? "")")
      }
      #expect(answers[0] == answers[1], "the same answer for an address used elsewhere and a new one")
      let admin = try await t.session(for: demo.admin, kind: "api")
      let member = try await t.send(
        .POST, "/api/v1/members", bearer: admin,
        json:
          #"{"name":"Olu Other","email":"\#(used)","memberClass":"community","joinedOn":"2026-01-01","sharePence":100}"#
      )
      #expect(member.status == .created)
      let accounts = try await t.store.accounts(email: used)
      #expect(Set(accounts.map(\.coopID)) == [otherAdmin.coopID, demo.coop.id])
      // Each account its own password: the password says which co-op.
      let here = try #require(accounts.first { $0.coopID == demo.coop.id })
      try await t.store.setPasswordHash(here.id, hash: try Bcrypt.hash("a password for here", cost: 4))
      for (password, coop) in [("a password for here", demo.coop.id), (TestApp.demoPassword, otherAdmin.coopID)] {
        let signIn = try await t.send(
          .POST, "/api/v1/sessions", json: #"{"email":"\#(used)","password":"\#(password)"}"#)
        #expect(signIn.status == .created)
        let token = try JSONDecoder().decode(DTO.SessionToken.self, from: signIn.body).token
        let me = try await t.send(.GET, "/api/v1/me", bearer: token)
        #expect(
          try JSONDecoder().decode(DTO.AccountOut.self, from: me.body).id
            == accounts.first { $0.coopID == coop }!.id.description)
      }
      _ = try await t.send(.POST, "/forgot-password", form: ["email": used])
      await t.app.care.jobs.drain()
      let mails = await t.mail.sent.filter { $0.to == used && $0.subject.hasPrefix("Reset") }
      #expect(mails.count == 2)
      #expect(Set(mails.map(\.subject)).count == 2, "each mail names its co-op")
    }
  }

  // MARK: M6 addresses only where the policy allows

  /// Lists of workers, hat holders and team members carry ids and names; an address comes only with the
  /// account itself. A worker reading the API learns no one's e-mail.
  @Test(arguments: Engine.allCases)
  func apiListsCarryNamesNotEmailAddresses(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let worker = try await t.session(for: demo.teamWorker, kind: "api")
      var bodies: [String] = []
      for path in [
        "/api/v1/circles/\(team.circle.id)", "/api/v1/hats", "/api/v1/teams/\(demo.person.id)", "/api/v1/circles",
      ] {
        let response = try await t.send(.GET, path, bearer: worker)
        #expect(response.status == .ok, "\(path)")
        bodies.append(response.text)
      }
      let everyone = demo.everyone.compactMap(\.email)
      for body in bodies {
        #expect(!everyone.contains { body.contains($0) }, "\(body.prefix(200))")
      }
      #expect(bodies[0].contains(demo.sameCircleWorker.name), "names are still there")
      let me = try await t.send(.GET, "/api/v1/me", bearer: worker).text
      #expect(me.contains(demo.teamWorker.email!), "your own address, yes")
    }
  }

  // Menus ask the policy (issue 11): whoever may read the register finds it from the menu and home page.

  @Test func menusOfferWhatThePolicyAllowsAndNothingElse() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let worker = try await t.session(for: demo.teamWorker)
      let before = try await t.send(.GET, "/", session: worker).text
      #expect(!before.contains(#"href="/members""#))
      let finance = try #require(try await t.store.hats(coop: demo.coop.id).first { $0.hat.kind == .finance })
      _ = try await t.store.handOver(
        finance.hat.id,
        Handover(toAccountID: demo.teamWorker.id.description, termStart: Day(t.clock.env.now()).iso, termEnd: nil),
        coop: demo.coop.id, by: demo.admin.id, env: t.clock.env)
      let after = try await t.send(.GET, "/", session: worker).text
      #expect(after.contains(#"<a href="/members">Members</a>"#), "in the menu")
      #expect(after.contains("Register of members"), "on the home page")
      #expect(!after.contains("People supported and their teams"), "not what finance may not do")
      #expect(try await t.send(.GET, "/members", session: worker).status == .ok)
    }
  }

  // MARK: L1 an invitee sees the invitation only

  @Test(arguments: Engine.allCases)
  func someoneInvitedSeesTheInvitationNotTheTeam(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let invited = try await t.store.invite(
        Invitation(name: "Ivy Invitee", email: "ivy@example.org", relationship: .friend, isArranger: false),
        to: team, by: demo.personAccount.id, onBehalfOf: nil, env: t.clock.env)
      let session = try await t.session(for: invited.invitee)
      let page = try await t.send(.GET, "/teams/\(demo.person.id)", session: session)
      #expect(page.status == .ok)
      #expect(page.text.contains("Yes, join the team"))
      #expect(!page.text.contains(demo.family.name), "no team members before joining")
      #expect(!page.text.contains(team.person.communicationNeeds ?? "no needs given"))
      _ = try await t.send(.POST, "/teams/\(demo.person.id)/respond", session: session, form: ["answer": "accept"])
      #expect(try await t.send(.GET, "/teams/\(demo.person.id)", session: session).text.contains(demo.family.name))
    }
  }

  // MARK: L3 sessions

  @Test(arguments: Engine.allCases)
  func aCookieIsNoBearerTokenAndATokenNoCookieAndSessionsEnd(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let web = try await t.session(for: demo.family)
      let api = try await t.session(for: demo.family, kind: "api")
      #expect(try await t.send(.GET, "/api/v1/me", bearer: web).status == .unauthorized)
      #expect(try await t.send(.GET, "/", session: api).status == .seeOther)
      #expect(try await t.send(.GET, "/api/v1/me", bearer: api).status == .ok)
      // Kept busy every 10 minutes, a session still ends 12 hours after it began.
      for _ in 0..<71 {
        t.clock.advance(600)
        #expect(try await t.send(.GET, "/", session: web).status == .ok)
      }
      t.clock.advance(700)
      #expect(try await t.send(.GET, "/", session: web).status == .seeOther)
    }
  }

  // MARK: L4 CSRF bound to the session

  /// A cookie and form field an attacker chose to match (the old double-submit check took them) are refused;
  /// a token made for one session does not work for another.
  @Test(arguments: Engine.allCases)
  func aPlantedCsrfPairOrAnotherSessionsTokenIsRefused(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let admin = try await t.session(for: demo.admin)
      let form = ["name": "Eve Evil", "area": "Nowhere"]
      let planted = try await t.app.testing().sendRequest(.POST, "/circles") { req in
        req.headers.replaceOrAdd(
          name: .cookie, value: "\(CookieName.session)=\(admin); \(CookieName.csrf)=chosen-by-attacker")
        req.headers.contentType = .urlEncodedForm
        req.body = ByteBuffer(
          string: try URLEncodedFormEncoder().encode(form.merging(["csrf_token": "chosen-by-attacker"]) { a, _ in a }))
      }
      #expect(planted.status == .forbidden)
      let key = try await t.app.care.keys.csrfKey(t.app.care.cases)
      let other = try await t.session(for: demo.family)
      let otherToken = CSRF.token(browser: "test-csrf", session: other, key: key)
      let crossed = try await t.send(
        .POST, "/circles", session: admin, form: form.merging(["csrf_token": otherToken]) { a, _ in a })
      #expect(crossed.status == .forbidden)
      #expect(try await t.send(.POST, "/circles", session: admin, form: form).status == .seeOther)
    }
  }

  // MARK: L2 audit

  @Test(arguments: Engine.allCases)
  func apiSignOutAndRefusedSignInsAreWrittenDown(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let api = try await t.session(for: demo.family, kind: "api")
      #expect(try await t.send(.DELETE, "/api/v1/sessions", bearer: api).status == .noContent)
      let events = try await t.store.auditEvents(coop: demo.coop.id, limit: 1000)
      #expect(events.contains { $0.action == .signOut && $0.actorID == demo.family.id })
      // A member refused by the policy is written down, with what they asked for.
      let worker = try await t.session(for: demo.otherCircleWorker)
      #expect(try await t.send(.GET, "/teams/\(demo.person.id)", session: worker).status == .notFound)
      #expect(try await t.send(.GET, "/members", session: worker).status == .forbidden)
      let refused = try await t.store.auditEvents(coop: demo.coop.id, limit: 1000).filter {
        $0.action == .accessRefused && $0.actorID == demo.otherCircleWorker.id
      }
      #expect(Set(refused.map(\.detail)) == ["GET /teams/\(demo.person.id)", "GET /members"])
    }
  }

  /// Every line of the log can be reached: the newest 100 first, older ones a page further on.
  @Test func whoLookedReachesTheOldestLine() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let family = try await t.session(for: demo.family)
      for _ in 0..<130 {
        t.clock.advance(60)
        _ = try await t.send(.GET, "/teams/\(demo.person.id)", session: family)
      }
      let person = try await t.session(for: demo.personAccount)
      let first = try await t.send(.GET, "/teams/\(demo.person.id)/who-looked", session: person).text
      #expect(first.components(separatedBy: "<tr><td>").count - 1 == 100)
      #expect(first.contains("/teams/\(demo.person.id)/who-looked?page=2"))
      #expect(!first.contains("Newer lines"))
      let second = try await t.send(.GET, "/teams/\(demo.person.id)/who-looked?page=2", session: person).text
      let all = try await t.store.auditEvents(coop: demo.coop.id, person: demo.person.id, limit: 10_000)
      #expect(second.components(separatedBy: "<tr><td>").count - 1 == all.count - 1 - 100)
      #expect(second.contains("Newer lines") && !second.contains("Older lines"))
      #expect(second.contains("<title>Who looked at your things, page 2"))
    }
  }

  /// `migrate --revert` drops the audit log with everything else: without `--confirm ENGINE` it refuses
  /// and nothing is touched.
  @Test func revertingEveryMigrationWantsItSpeltOut() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let before = try await t.store.auditEvents(coop: demo.coop.id, limit: 10_000).count
      for arguments in [["carecoop", "--revert"], ["carecoop", "--revert", "--confirm", "postgres"]] {
        var context = CommandContext(console: t.app.console, input: CommandInput(arguments: arguments))
        context.application = t.app
        await #expect(throws: MigrateRefusal.self) { try await MigrateCommand().run(using: &context) }
      }
      #expect(try await t.store.auditEvents(coop: demo.coop.id, limit: 10_000).count == before)
    }
  }

  // MARK: L5, L6, L7 edges

  @Test(arguments: Engine.allCases)
  func longAddressesAreNotFoundAndEveryAnswerCarriesTheHeaders(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      _ = try await t.seedDemo()
      let long = String(repeating: "a", count: 5000)
      for path in ["/\(long)", "/static/\(long).css", "/static/\(String(repeating: "b", count: 300))"] {
        let response = try await t.send(.GET, path)
        #expect(response.status == .notFound, "\(path.prefix(20))")
        #expect(
          response.headers.first(name: "Content-Security-Policy") == SecurityHeadersMiddleware.contentSecurityPolicy)
      }
      for path in ["/static/style.css", "/members", "/no-such-page"] {
        let response = try await t.send(.GET, path)
        #expect(response.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
        #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
      }
    }
  }

  /// The stylesheet and script come from memory with an ETag of their content: a browser that has them
  /// gets a 304, the fingerprinted link is kept a year, a plain link is checked each time.
  @Test func staticFilesAreCheapToCheckAndKeptWhenFingerprinted() async throws {
    try await TestApp.with(engine: .sqlite) { t in
      let plain = try await t.send(.GET, "/static/app.js")
      #expect(plain.status == .ok)
      #expect(plain.headers.first(name: .cacheControl) == "no-cache")
      #expect(plain.headers.contentType?.description.hasPrefix("text/javascript") == true)
      let etag = try #require(plain.headers.first(name: .eTag))
      let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/CareWeb/Public/static/app.js")
      #expect(plain.text == (try String(contentsOf: source, encoding: .utf8)))
      let version = try #require(StaticAsset.version(of: "/static/app.js"))
      #expect(etag == "\"\(version)\"")
      let kept = try await t.send(.GET, "/static/app.js?v=\(version)")
      #expect(kept.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
      #expect(kept.text == plain.text)
      let stale = try await t.send(.GET, "/static/app.js?v=000000000000")
      #expect(stale.headers.first(name: .cacheControl) == "no-cache")
      let again = try await t.app.testing().sendRequest(.GET, "/static/app.js") { req in
        req.headers.replaceOrAdd(name: .ifNoneMatch, value: "\"other\", \(etag)")
      }
      #expect(again.status == .notModified)
      #expect(again.body.readableBytes == 0)
      let weak = try await t.app.testing().sendRequest(.GET, "/static/app.js") { req in
        req.headers.replaceOrAdd(name: .ifNoneMatch, value: "W/\(etag)")
      }
      #expect(weak.status == .notModified)
      let changed = try await t.app.testing().sendRequest(.GET, "/static/style.css") { req in
        req.headers.replaceOrAdd(name: .ifNoneMatch, value: etag)
      }
      #expect(changed.status == .ok)
      #expect(changed.headers.contentType == .css)
      #expect(try await t.send(.GET, "/static/other.js").status == .notFound)
      #expect(try await t.send(.POST, "/static/app.js").status != .ok)
    }
  }

  @Test(arguments: Engine.allCases)
  func badBodiesAreNamedPlainlyAndTooLargeIs413(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let admin = try await t.session(for: demo.admin, kind: "api")
      let wrong = try await t.send(.POST, "/api/v1/circles", bearer: admin, json: #"{"name":5,"area":"x"}"#)
      #expect(wrong.status == .badRequest)
      #expect(wrong.text.contains("name has the wrong type"))
      #expect(!wrong.text.contains("DecodingError") && !wrong.text.contains("Debug"))
      let missing = try await t.send(.POST, "/api/v1/circles", bearer: admin, json: #"{"area":"x"}"#)
      #expect(missing.text.contains("name is missing"))
      let big = try await t.send(.POST, "/sign-in", form: ["email": String(repeating: "x", count: 300_000)])
      #expect(big.status == .payloadTooLarge)
    }
  }

  /// A method an address does not have is 405 with the ones it does (the API fuzzer's finding), not 404.
  @Test(arguments: Engine.allCases)
  func aMethodTheAddressDoesNotHaveIs405(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      _ = try await t.seedDemo()
      let put = try await t.send(.PUT, "/api/v1/circles")
      #expect(put.status == .methodNotAllowed)
      #expect(put.headers.first(name: .allow) == "GET, POST")
      #expect(put.headers.contentType?.description == "application/problem+json")
      #expect(try await t.send(.DELETE, "/api/v1/hats/\(UUID())").headers.first(name: .allow) == "GET")
      #expect(try await t.send(.PUT, "/api/v1/nothing-here").status == .notFound)
      #expect(try await t.send(.DELETE, "/sign-in").status == .methodNotAllowed)
    }
  }

  // MARK: L8 mail in production

  @Test func productionNeverWritesMailBodiesToTheLog() async throws {
    let mailer = LogMailer(logger: Logger(label: "test"), withholdsBodies: true)
    try await mailer.send(to: "a@b.org", subject: "Reset", body: "https://x/reset-password?token=secret")
    #expect(await mailer.sent.isEmpty)
  }

  // MARK: L9 start-up

  @Test func aBadSettingIsOneLineNamingIt() {
    do {
      _ = try AppConfig.decode(mode: .development, ["CARECOOP_BCRYPT_COST": "lots"])
      Issue.record("expected a bad setting")
    } catch {
      #expect(startupFailure(error) == "bad setting CARECOOP_BCRYPT_COST: must be a whole number from 4 to 16")
    }
  }
}
