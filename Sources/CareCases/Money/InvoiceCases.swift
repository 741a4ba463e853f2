import CareCore
import CareLedger
import CareStore
import Crypto
import Foundation

public typealias InvoiceFacts = CareStore.InvoiceFacts

/// One invoice a run would issue: a funder's lines (confirmed visits at their agreement's rate).
public struct DraftInvoice: Sendable {
  public let funder: FunderKind
  public let funderName: String
  public let lines: [InvoiceLine]
  public var minutes: Int { lines.reduce(0) { $0 + $1.minutes } }
  public var pence: Int { lines.reduce(0) { $0 + $1.pence } }
}

/// What a run over some days would do, shown before the finance hat says yes.
public struct InvoiceRunPreview: Sendable {
  public let period: InvoicePeriod
  public let drafts: [DraftInvoice]
  /// The visits in the days no invoice would bill, and why.
  public let leftOut: [LeftOutVisit]
  /// Lines on issued invoices whose visit's hours have since been undone: credit those invoices.
  public let undone: [(invoice: ID<Invoice>, reference: String, line: InvoiceLine)]
  public let names: [ID<Person>: String]
}

/// The co-op's invoices page: the runs (what each issued and left out) and the invoices, newest first.
public struct InvoicesModel: Sendable {
  public let coop: Coop
  public let runs: [InvoiceRun]
  public let invoices: [Invoice]
  /// Invoices that have a credit note.
  public let credited: Set<ID<Invoice>>
  public let names: [ID<Person>: String]
  public let accountNames: [ID<Account>: String]
  /// The days a new run would usually cover (last calendar month).
  public let suggested: InvoicePeriod
  public let today: Day
  /// The co-op's contribution over the last twelve months (this one last), from every invoice and credit note.
  public var contributions: [ContributionMonth] = []
}

/// One invoice or credit note, printable: the co-op, the funder, every line with the person's name.
public struct InvoiceModel: Sendable {
  public let coop: Coop
  public let invoice: Invoice
  public let names: [ID<Person>: String]
  public let issuedBy: String
  /// An invoice's credit note, if it has one; a credit note's invoice.
  public let creditNote: Invoice?
  public let credits: Invoice?
  /// The co-op's contribution: the percent the members' settings gave on the invoice's first day, and what it
  /// comes to (a credit note's is negative).
  public var contributionPercent = Contribution.standardPercent
  public var contributionPence: Int { Contribution.pence(of: invoice.pence, percent: contributionPercent) }

  public func name(_ person: ID<Person>) -> String { names[person] ?? "someone no longer with the co-op" }
}

/// Invoices from the hours ledger: the finance hat runs them over some days (one invoice a funder, from the
/// visits whose times were confirmed and used), sees first what would be issued and what is left out, and
/// corrects an issued one only with a credit note.
extension Cases {
  public func checkMayInvoice(by requester: Requester) throws {
    _ = try AccessPolicy.permit(requester, .invoice(coop: requester.coopID))
  }

  public func invoices(by requester: Requester) async throws -> InvoicesModel {
    let permit = try AccessPolicy.permit(requester, .invoice(coop: requester.coopID))
    let invoices = try await store.invoices(permit: permit)
    let runs = try await store.invoiceRuns(permit: permit)
    let people = Set(invoices.flatMap { $0.lines.map(\.personID) } + runs.flatMap { $0.leftOut.map(\.personID) })
    guard let coop = try await store.coop(requester.coopID) else { throw CareError.notFound }
    var model = InvoicesModel(
      coop: coop, runs: runs, invoices: invoices, credited: Set(invoices.compactMap(\.credits)),
      names: try await store.personNames(Array(people)),
      accountNames: try await store.accountNames(Array(Set(runs.map(\.ranBy)))),
      suggested: InvoicePeriod.lastMonth(before: today), today: today)
    model.contributions = try await contributionYear(permit)
    return model
  }

  /// The last twelve months of the co-op's contribution (this month last), each invoice shared at the percent
  /// the members' settings gave on its first day.
  func contributionYear(_ permit: Permit) async throws -> [ContributionMonth] {
    let today = today
    let thisMonth = Day(year: today.year, month: today.month, day: 1)!
    let first = Day(
      year: today.month == 12 ? today.year : today.year - 1, month: today.month == 12 ? 1 : today.month + 1, day: 1)!
    let totals = try await store.invoiceTotals(permit: permit, from: first, through: thisMonth.adding(days: 31))
    let settings = try await coopSettings(permit.coopID)
    return Contribution.months(totals, first: first, count: 12) { settings.value(.contributionPercent, on: $0) }
  }

  /// What a run over the days would issue and leave out, nothing kept (the page's first step). The
  /// ledger is brought up to date first (confirmed visits used).
  public func previewInvoices(from: Day?, through: Day?, by requester: Requester) async throws -> InvoiceRunPreview {
    let permit = try AccessPolicy.permit(requester, .invoice(coop: requester.coopID))
    let period = try InvoicePeriod.validated(from: from, through: through, today: today)
    let (facts, leftOut) = try await runFacts(period, permit)
    let drafts = Bill.group(
      facts.unbilled.map {
        BillLine(
          entryID: $0.entryID, payer: "\($0.agreement.terms.funder.rawValue)|\($0.agreement.terms.funderName)",
          minutes: $0.minutes, hourlyPence: $0.agreement.terms.ratePence)
      }
    ).map { bill in
      let uses = bill.lines.map { line in facts.unbilled.first { $0.entryID == line.entryID }! }
      return DraftInvoice(
        funder: uses[0].agreement.terms.funder, funderName: uses[0].agreement.terms.funderName,
        lines: uses.map { use in
          InvoiceLine(
            personID: use.agreement.personID, agreementID: use.agreement.id, entryID: use.entryID,
            visitKey: use.visitKey, day: use.day, minutes: use.minutes, hourlyPence: use.agreement.terms.ratePence,
            pence: Charge.pence(minutes: use.minutes, hourlyPence: use.agreement.terms.ratePence))
        })
    }
    let people = Set(
      drafts.flatMap { $0.lines.map(\.personID) } + leftOut.map(\.personID) + facts.undone.map(\.line.personID))
    return InvoiceRunPreview(
      period: period, drafts: drafts, leftOut: leftOut, undone: facts.undone,
      names: try await store.personNames(Array(people)))
  }

  /// Issues the run: one invoice a funder, numbered next, the visits left out kept with it. With a key, the
  /// same request again answers as the first time.
  public func issueInvoices(from: Day?, through: Day?, key: String? = nil, by requester: Requester) async throws
    -> (run: InvoiceRun, replayed: Bool)
  {
    let permit = try AccessPolicy.permit(requester, .invoice(coop: requester.coopID))
    let period = try InvoicePeriod.validated(from: from, through: through, today: today)
    if let key, key.isEmpty || key.count > 255 || TextRules.firstForbidden(in: key, multiline: false) != nil {
      throw CareError.invalid("Idempotency-Key", "An Idempotency-Key is 1 to 255 characters, no control characters")
    }
    let hash = SHA256.hash(data: Data("invoices|\(period.from.iso)|\(period.through.iso)".utf8))
      .map { String(format: "%02x", $0) }.joined()
    let (_, leftOut) = try await runFacts(period, permit)
    return try await store.issueInvoices(
      permit: permit, period: period, leftOut: leftOut, key: key.map { IdempotencyKey(key: $0, requestHash: hash) },
      env: effects)
  }

  public func invoice(_ id: ID<Invoice>, by requester: Requester) async throws -> InvoiceModel {
    let permit = try AccessPolicy.permit(requester, .invoice(coop: requester.coopID))
    guard let invoice = try await store.invoice(id, permit: permit),
      let coop = try await store.coop(requester.coopID)
    else { throw CareError.notFound }
    let creditNote = invoice.series == .invoice ? try await store.creditNote(of: id, permit: permit) : nil
    let credits = try await invoice.credits.asyncMap { try await store.invoice($0, permit: permit) } ?? nil
    let issuer = try await store.accountNames([invoice.issuedBy])[invoice.issuedBy]
    var model = InvoiceModel(
      coop: coop, invoice: invoice, names: try await store.personNames(Array(Set(invoice.lines.map(\.personID)))),
      issuedBy: issuer ?? "someone no longer with the co-op", creditNote: creditNote, credits: credits)
    model.contributionPercent = try await coopSettings(coop.id).value(.contributionPercent, on: invoice.from)
    return model
  }

  /// Credits a whole invoice (its visits are then billed again by the next run, if their hours still
  /// stand), with the reason.
  @discardableResult
  public func creditInvoice(_ id: ID<Invoice>, reason: String, by requester: Requester) async throws -> Invoice {
    let permit = try AccessPolicy.permit(requester, .invoice(coop: requester.coopID))
    var v = Validator()
    let reason = v.text(reason, field: "reason", label: "why the invoice is credited", max: 500, multiline: true)
    try v.check()
    return try await store.creditInvoice(id, reason: reason, permit: permit, env: effects)
  }

  /// The ledger brought up to date for everyone with visits in the days (their confirmed visits used),
  /// then what it holds for them and every visit no invoice would bill, with why.
  private func runFacts(_ period: InvoicePeriod, _ permit: Permit) async throws -> (InvoiceFacts, [LeftOutVisit]) {
    let people = try await store.peopleWithVisits(permit: permit, period: period)
    let agreements = Dictionary(grouping: try await store.allFundingAgreements(), by: \.personID)
    for person in people { if let mine = agreements[person] { _ = try await settle(person, mine) } }
    let facts = try await store.invoiceFacts(permit: permit, period: period)
    let accounted = Set(facts.unbilled.map(\.visitKey)).union(facts.billedKeys)
    var leftOut: [LeftOutVisit] = []
    for person in people {
      let visits = try await store.visitFactsForHours(person: person, from: period.from, through: period.through)
      for visit in visits.visits where visit.slot == 0 && !accounted.contains(visit.key) {
        let times = VisitTimes(
          visit: visit, answers: visits.answers.filter { $0.visitKey == visit.key },
          autoConfirmDays: visits.autoConfirmDays, now: effects.now())
        let why: LeftOutVisit.Why =
          switch times.state {
          case .pending: .notConfirmed
          case .disputed: .disputed
          case .confirmed: .noAgreement
          }
        leftOut.append(
          LeftOutVisit(
            personID: person, visitKey: visit.key, day: visit.day, start: times.start ?? visit.start,
            minutes: times.confirmedMinutes ?? visit.length, why: why))
      }
    }
    leftOut.sort { ($0.day, $0.start, $0.visitKey) < ($1.day, $1.start, $1.visitKey) }
    return (facts, leftOut)
  }
}

extension Optional {
  fileprivate func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
    guard let value = self else { return nil }
    return try await transform(value)
  }
}

// MARK: - CSV for a funder's portal

extension InvoiceModel {
  /// The invoice as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, a
  /// quote or a line end), one row a visit: reference, issue date, funder, person, day, minutes, hours,
  /// rate and amount in pounds, then a total row. A field starting with =, +, - or @ is prefixed with an
  /// apostrophe so a spreadsheet does not run it as a formula.
  public var csv: String {
    let header = [
      "Invoice", "Issued", "Funder", "Person", "Visit day", "Minutes", "Hours", "Rate per hour (GBP)", "Amount (GBP)",
    ]
    let issued = CoopCalendar.london.day(of: invoice.issuedAt).iso
    var rows = [header]
    for line in invoice.lines {
      rows.append([
        invoice.reference, issued, invoice.funderName, name(line.personID), line.day.iso, String(line.minutes),
        Self.hours(line.minutes), Self.pounds(line.hourlyPence), Self.pounds(line.pence),
      ])
    }
    rows.append([
      invoice.reference, issued, invoice.funderName, "Total", "", String(invoice.minutes), Self.hours(invoice.minutes),
      "", Self.pounds(invoice.pence),
    ])
    return rows.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }

  /// "1234.50" for 123450 pence; "-12.05" for -1205.
  static func pounds(_ pence: Int) -> String {
    let sign = pence < 0 ? "-" : ""
    let p = abs(pence)
    return "\(sign)\(p / 100)." + (p % 100 < 10 ? "0" : "") + "\(p % 100)"
  }

  /// "1.50" for 90 minutes, to two places (half up).
  static func hours(_ minutes: Int) -> String {
    let hundredths = (abs(minutes) * 100 + 30) / 60
    return (minutes < 0 ? "-" : "") + "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "")
      + "\(hundredths % 100)"
  }

  static func field(_ text: String) -> String {
    var text = text
    if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
