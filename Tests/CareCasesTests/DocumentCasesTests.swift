import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// The person's documents on both engines: each visibility setting admits exactly whom it says (the person,
/// the arranger, family, a worker in the team, a worker who has left, a worker in the circle, a professional
/// with and without a sharing agreement, another co-op), with a who-looked row for every allowed look and
/// download and "not found" for every refused one; uploads are checked and leave nothing behind; versions
/// are kept; who sees a document changes in two steps.
@Suite("Use cases: documents the person controls")
struct DocumentCasesTests {
  static let pdf: [UInt8] = Array("%PDF-1.7\n".utf8) + Array(repeating: 0x20, count: 2000)
  static let mp4: [UInt8] = [0, 0, 0, 0x18] + Array("ftypisom".utf8) + Array(repeating: 3, count: 500)

  struct World {
    let demo: DemoCoop
    let person: Requester
    let arranger: Requester
    let family: Requester
    let worker: Requester
    let leaver: Requester
    let leaverMembership: ID<TeamMembership>
    let circleWorker: Requester
    let gp: Requester
    let socialWorker: Requester
    let otherCoop: Requester
  }

  static func world(_ w: CasesWorld) async throws -> World {
    let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
    let person = try await w.cases.requester(for: demo.personAccount)
    var professionals: [Requester] = []
    for (name, email) in [("Dr Gita Rao", "gita@example.org"), ("Sam Social", "sam.social@example.org")] {
      let (_, invited) = try await w.cases.invite(
        Invitation(name: name, email: email, relationship: .professional, isArranger: false), to: demo.person.id,
        by: person)
      let professional = try await w.cases.requester(for: invited.invitee)
      try await w.cases.answerInvitation(to: demo.person.id, accept: true, by: professional)
      professionals.append(professional)
    }
    let team = try #require(try await w.store.team(demo.person.id, coop: demo.coop.id))
    let leaving = try #require(
      team.active.first {
        $0.membership.relationship == .worker && $0.account.id != demo.teamWorker.id
      })
    let (_, otherAdmin) = try await setUpCoop(w.store, w.clock, name: "Other", email: "boss@other.example")
    return World(
      demo: demo, person: person, arranger: try await w.cases.requester(for: demo.arranger),
      family: try await w.cases.requester(for: demo.family), worker: try await w.cases.requester(for: demo.teamWorker),
      leaver: try await w.cases.requester(for: leaving.account), leaverMembership: leaving.membership.id,
      circleWorker: try await w.cases.requester(for: demo.sameCircleWorker), gp: professionals[0],
      socialWorker: professionals[1], otherCoop: try await w.cases.requester(for: otherAdmin))
  }

  static func bytes(_ content: DocumentContent) async throws -> [UInt8] {
    var out: [UInt8] = []
    for try await chunk in content.chunks { out += chunk }
    return out
  }

  /// Every file under the storage folder, temporary ones included (the media tests' count).
  static func filesOnDisk(_ w: CasesWorld) -> Set<String> { Set(MediaCasesTests.filesOnDisk(w)) }

  @Test(arguments: Engine.allCases)
  func everyVisibilityAdmitsExactlyWhomItSaysAndLogsEveryLook(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      // The person shares assessments with the GP; nothing with the social worker.
      try await w.cases.recordSharingAgreement(
        person, professional: x.gp.account.id.description, kinds: ["assessment"], until: nil, by: x.person)
      // One assessment for each setting; the named one names the family member and both professionals.
      var ids: [DocumentVisibility: ID<PersonDocument>] = [:]
      for visibility in DocumentVisibility.allCases {
        let named: Set<ID<Account>> =
          visibility == .named ? [x.family.account.id, x.gp.account.id, x.socialWorker.account.id] : []
        let document = try await w.cases.addDocument(
          NewDocument(
            title: "Assessment (\(visibility.label))", kind: .assessment, visibility: visibility, named: named),
          fileName: "assessment.pdf", person: person, chunks: ChunkList([Self.pdf]), by: x.person)
        ids[visibility] = document.id
      }
      // A worker who leaves the team loses access at once.
      try await w.cases.removeFromTeam(x.leaverMembership, of: person, by: x.person)
      let expected: [(String, Requester, Set<DocumentVisibility>)] = [
        ("the person", x.person, Set(DocumentVisibility.allCases)),
        ("the arranger", x.arranger, Set(DocumentVisibility.allCases)),
        ("family", x.family, [.team, .named]),
        ("a worker in the team", x.worker, [.team, .workers]),
        ("a worker who left the team", x.leaver, []),
        ("a worker in the circle", x.circleWorker, []),
        ("a professional with a sharing agreement", x.gp, [.team, .named]),
        ("a professional without one", x.socialWorker, []),
        ("another co-op", x.otherCoop, []),
      ]
      for (who, requester, sees) in expected {
        for (visibility, id) in ids {
          if sees.contains(visibility) {
            let model = try await w.cases.document(id, by: requester)
            #expect(model.document.id == id, "\(who) sees \(visibility)")
            let content = try await w.cases.documentContent(id, version: nil, by: requester)
            #expect(try await Self.bytes(content) == Self.pdf, "\(who) downloads \(visibility)")
          } else {
            await #expect(throws: CareError.notFound, "\(who) must not learn of \(visibility)") {
              try await w.cases.document(id, by: requester)
            }
            await #expect(throws: CareError.notFound, "\(who) must not download \(visibility)") {
              try await w.cases.documentContent(id, version: nil, by: requester)
            }
          }
        }
        // The library lists the same documents (or is not there at all for those outside the team).
        if let model = try? await w.cases.documents(person, by: requester) {
          #expect(Set(model.documents.map(\.id)) == Set(sees.map { ids[$0]! }), "\(who)'s library")
        } else {
          #expect(sees.isEmpty)
        }
      }
      // Every allowed look and download is in the person's who-looked log, under the reader's name.
      let log = try await w.store.auditEvents(coop: x.demo.coop.id, person: person, limit: 5000)
      for (who, requester, sees) in expected {
        let mine = log.filter { $0.actorID == requester.account.id }
        #expect(
          mine.filter { $0.action == .viewDocument && $0.detail.hasPrefix("“Assessment") }.count == sees.count,
          "\(who)'s looks")
        #expect(mine.filter { $0.action == .downloadDocument }.count == sees.count, "\(who)'s downloads")
      }
      // Ending the GP's agreement ends what it gave, at once.
      let agreement = try #require(try await w.cases.documents(person, by: x.person).agreementsInForce.first)
      try await w.cases.endSharingAgreement(person, agreement: agreement.id, by: x.arranger)
      await #expect(throws: CareError.notFound) { try await w.cases.document(ids[.team]!, by: x.gp) }
      await #expect(throws: CareError.conflict(FieldError("agreement", "This agreement has been ended already"))) {
        try await w.cases.endSharingAgreement(person, agreement: agreement.id, by: x.person)
      }
      // An agreement covers only its kinds: a letter for the team is not the GP's under an assessments one.
      try await w.cases.recordSharingAgreement(
        person, professional: x.gp.account.id.description, kinds: ["assessment"], until: "2026-06-30", by: x.person)
      let letter = try await w.cases.addDocument(
        NewDocument(title: "Letter from the council", kind: .letter, visibility: .team), fileName: "council.pdf",
        person: person, chunks: ChunkList([Self.pdf]), by: x.worker)
      await #expect(throws: CareError.notFound) { try await w.cases.document(letter.id, by: x.gp) }
      #expect(try await w.cases.document(ids[.team]!, by: x.gp).document.kind == .assessment)
      // …and only until its last day.
      w.clock.advance(40 * 86_400)
      await #expect(throws: CareError.notFound) { try await w.cases.document(ids[.team]!, by: x.gp) }
    }
  }

  @Test(arguments: Engine.allCases)
  func badUploadsAreRefusedClearlyAndLeaveNothingBehind(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      let before = Self.filesOnDisk(w)
      let letter = NewDocument(title: "A letter", kind: .letter, visibility: .team)
      // Over 25 MB: stopped at the limit.
      let big = ChunkList([Self.pdf] + Array(repeating: [UInt8](repeating: 0x20, count: 1024 * 1024), count: 26))
      await #expect(
        throws: CareError.tooLarge(FieldError("file", "A document can be 25 MB at most: this one is larger"))
      ) { try await w.cases.addDocument(letter, fileName: "big.pdf", person: person, chunks: big, by: x.person) }
      // A video is not a document, whatever its name says.
      await #expect(
        throws: CareError.unsupportedType(
          FieldError("file", "That is not a document we can keep: send a PDF, or a JPEG, PNG or WebP picture"))
      ) {
        try await w.cases.addDocument(
          letter, fileName: "letter.pdf", person: person, chunks: ChunkList([Self.mp4]), by: x.person)
      }
      // A name with path parts, or none.
      for name in ["../../etc/passwd", "C:\\letters\\a.pdf", "letters/a.pdf", "..", ""] {
        await #expect(throws: CareError.self, "\(name)") {
          try await w.cases.addDocument(
            letter, fileName: name, person: person, chunks: ChunkList([Self.pdf]), by: x.person)
        }
      }
      // An empty file, a title too long, a named person not in the team.
      await #expect(throws: CareError.invalid("file", "Choose a document to send: the file was empty")) {
        try await w.cases.addDocument(letter, fileName: "a.pdf", person: person, chunks: ChunkList([]), by: x.person)
      }
      await #expect(throws: CareError.invalid("title", "The document's title must be 120 characters or fewer")) {
        try await w.cases.addDocument(
          NewDocument(title: String(repeating: "x", count: 121), kind: .letter, visibility: .team),
          fileName: "a.pdf", person: person, chunks: ChunkList([Self.pdf]), by: x.person)
      }
      await #expect(throws: CareError.invalid("named", "Choose people from your team")) {
        try await w.cases.addDocument(
          NewDocument(title: "A", kind: .letter, visibility: .named, named: [x.circleWorker.account.id]),
          fileName: "a.pdf", person: person, chunks: ChunkList([Self.pdf]), by: x.person)
      }
      // Someone outside the team cannot add one: not found, before a byte is read.
      await #expect(throws: CareError.notFound) {
        try await w.cases.addDocument(
          letter, fileName: "a.pdf", person: person, chunks: ChunkList([Self.pdf]), by: x.circleWorker)
      }
      #expect(Self.filesOnDisk(w) == before)
      #expect(try await w.cases.documents(person, by: x.person).documents.isEmpty)
    }
  }

  @Test(arguments: Engine.allCases)
  func versionsAreKeptAndWhoSeesChangesInTwoSteps(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      let document = try await w.cases.addDocument(
        NewDocument(title: "Tenancy agreement", kind: .agreement, visibility: .team), fileName: "tenancy.pdf",
        person: person, chunks: ChunkList([Self.pdf]), by: x.arranger)
      let signed = Array("%PDF-1.4 signed".utf8)
      let two = try await w.cases.addDocumentVersion(
        document.id, fileName: "tenancy-signed.pdf", note: "Signed copy", chunks: ChunkList([signed]), by: x.worker)
      #expect(two.versions.map(\.number) == [1, 2] && two.latest?.note == "Signed copy")
      #expect(
        try await Self.bytes(try await w.cases.documentContent(document.id, version: nil, by: x.family)) == signed)
      #expect(
        try await Self.bytes(try await w.cases.documentContent(document.id, version: 1, by: x.family)) == Self.pdf)
      await #expect(throws: CareError.notFound) {
        try await w.cases.documentContent(document.id, version: 9, by: x.family)
      }
      // Versions sent at the same moment each take their own number.
      let racing = await withTaskGroup(of: Int?.self) { group in
        for i in 0..<6 {
          group.addTask {
            try? await w.cases.addDocumentVersion(
              document.id, fileName: "copy\(i).pdf", note: nil, chunks: ChunkList([Self.pdf]), by: x.person
            ).versions.count
          }
        }
        return await group.reduce(into: 0) { $0 += $1 == nil ? 0 : 1 }
      }
      let versions = try await w.cases.document(document.id, by: x.person).document.versions
      #expect(versions.count == 2 + racing && Set(versions.map(\.number)).count == versions.count)
      // Step one: who would lose it; nothing changes yet.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.previewDocumentVisibility(document.id, visibility: "only-me", named: [], by: x.worker)
      }
      let preview = try await w.cases.previewDocumentVisibility(
        document.id, visibility: "only-me", named: [], by: x.person)
      #expect(preview.loses.contains(x.worker.account.name) && preview.loses.contains(x.family.account.name))
      #expect(!preview.loses.contains(x.arranger.account.name) && preview.gains.isEmpty)
      #expect(try await w.cases.document(document.id, by: x.worker).document.visibility == .team)
      // Step two: done, and the worker no longer finds it.
      try await w.cases.setDocumentVisibility(document.id, visibility: "only-me", named: [], by: x.person)
      await #expect(throws: CareError.notFound) { try await w.cases.document(document.id, by: x.worker) }
      // Named people: the family member only.
      let named = try await w.cases.previewDocumentVisibility(
        document.id, visibility: "named-people", named: [x.family.account.id.description], by: x.arranger)
      #expect(named.gains == [x.family.account.name] && named.loses.isEmpty)
      try await w.cases.setDocumentVisibility(
        document.id, visibility: "named-people", named: [x.family.account.id.description], by: x.arranger)
      #expect(try await w.cases.document(document.id, by: x.family).seenBy.contains(x.family.account.name))
      await #expect(throws: CareError.invalid("named", "Choose at least one person to show it to")) {
        try await w.cases.setDocumentVisibility(document.id, visibility: "named-people", named: [], by: x.person)
      }
      // The log says who changed what; versions cannot be rewritten.
      let log = try await w.store.auditEvents(coop: x.demo.coop.id, person: person, limit: 1000)
      #expect(log.contains { $0.action == .changeDocumentVisibility && $0.onBehalfOf == person })
      #expect(log.filter { $0.action == .addDocumentVersion }.count == 1 + racing)
      let sql = w.store.db as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE document_versions SET note = 'x'").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM document_versions").run() }
    }
  }
}

@Suite("Use cases: search within a person's documents and plan")
struct SearchCasesTests {
  @Test(arguments: Engine.allCases)
  func searchFindsByAWordAndNeverShowsWhatTheSearcherMayNotSee(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await DocumentCasesTests.world(w)
      let person = x.demo.person.id
      let pdf = ChunkList([DocumentCasesTests.pdf])
      let assessment = try await w.cases.addDocument(
        NewDocument(title: "Council assessment 2026", kind: .assessment, visibility: .team),
        fileName: "needs-assessment.pdf", person: person, chunks: pdf, by: x.person)
      let letter = try await w.cases.addDocument(
        NewDocument(title: "Private letter about money", kind: .letter, visibility: .personOnly),
        fileName: "bank.pdf", person: person, chunks: pdf, by: x.person)
      try await w.cases.proposePlanChange(
        person, section: "strengths", basedOn: 0, text: "I make people laugh.", note: "", by: x.person)
      // A word in the title, as the start of a word, whatever its case.
      #expect(try await w.cases.search(person, query: "ASSESS", by: x.worker).documents.map(\.id) == [assessment.id])
      // Only what the searcher may open: the private letter is the person's alone.
      #expect(try await w.cases.search(person, query: "letter money", by: x.worker).documents.isEmpty)
      #expect(try await w.cases.search(person, query: "letter money", by: x.person).documents.map(\.id) == [letter.id])
      #expect(try await w.cases.search(person, query: "assessment", by: x.socialWorker).documents.isEmpty)
      await #expect(throws: CareError.notFound) {
        try await w.cases.search(person, query: "assess", by: x.circleWorker)
      }
      await #expect(throws: CareError.notFound) { try await w.cases.search(person, query: "assess", by: x.otherCoop) }
      // A file's name is found too; every word must match.
      #expect(try await w.cases.search(person, query: "needs", by: x.family).documents.map(\.id) == [assessment.id])
      #expect(try await w.cases.search(person, query: "needs money", by: x.person).documents.isEmpty)
      // The plan: its words as they stand, and its headings.
      #expect(try await w.cases.search(person, query: "laugh", by: x.family).sections.map(\.section) == [.strengths])
      #expect(try await w.cases.search(person, query: "goals", by: x.family).sections.map(\.section) == [.goals])
      try await w.cases.proposePlanChange(
        person, section: "strengths", basedOn: 1, text: "I cook a good curry.", note: "", by: x.person)
      #expect(try await w.cases.search(person, query: "laugh", by: x.family).sections.isEmpty)
      #expect(try await w.cases.search(person, query: "curry", by: x.family).sections.map(\.section) == [.strengths])
      // The engines' query words and quotes are only words here.
      for odd in [#"assess" OR *"#, "\"); DROP TABLE documents; --", "NEAR(assess council)", "assess*:& |!"] {
        _ = try await w.cases.search(person, query: odd, by: x.person)
      }
      await #expect(throws: CareError.invalid("q", "Enter a word to search for")) {
        try await w.cases.search(person, query: " *?! ", by: x.person)
      }
      // The index made afresh from what is kept (as migration 033 does for a database that had documents and
      // plans before it) finds the same.
      try await M033_Search().revert(on: w.store.writer)
      try await M033_Search().prepare(on: w.store.writer)
      #expect(try await w.cases.search(person, query: "needs", by: x.family).documents.map(\.id) == [assessment.id])
      #expect(try await w.cases.search(person, query: "curry", by: x.family).sections.map(\.section) == [.strengths])
      #expect(try await w.cases.search(person, query: "laugh", by: x.family).sections.isEmpty)
      // Each search is in the person's who-looked log.
      let log = try await w.store.auditEvents(coop: x.demo.coop.id, person: person, limit: 500)
      #expect(log.contains { $0.actorID == x.worker.account.id && $0.detail.hasPrefix("searched for “assess”") })
    }
  }
}
