import Foundation

/// Who pays towards their own care: an invoice to the person themselves (self-funded), or paid from money
/// given to them (a direct payment). Their invoices can be paid as a steady monthly amount.
extension FunderKind {
  public static let paidByThePerson: Set<FunderKind> = [.selfFunded, .directPayment]
}

/// How a person who pays towards their own care chose to pay: each month what was invoiced (plain), or a
/// steady amount — the average of the last `periods` months' invoices, the difference kept as a balance
/// still to pay, never asked for more than has been invoiced. The same choices as a worker's steady pay.
public typealias PaymentsChoice = PayChoice

extension PayChoice {
  /// The number of months, checked against those offered.
  public static func validatedForPayments(periods: Int?) throws -> Int {
    guard let periods, offered.contains(periods) else {
      throw CareError.invalid("periods", "Choose to pay what is invoiced, or a steady amount over 2, 3, 4 or 6 months")
    }
    return periods
  }

  /// In words, for the person's page.
  public var paymentsWords: String {
    isSteady
      ? "A steady amount: each month asks the average of the last \(periods) months' invoices"
      : "What is invoiced: each month asks what that month's invoices came to"
  }
}

/// One month of a person's statement: what was invoiced to them (credit notes taken off), what the month
/// asks them to pay (negative: paid back to them), and the balance still to pay after it. Asked + balance
/// after = invoiced + balance before, to the penny.
public struct PaymentsMonth: Sendable, Hashable, Codable {
  /// The month's first day.
  public let month: Day
  public let periods: Int
  public let invoicedPence: Int
  public let askedPence: Int
  /// The part of `askedPence` that settled the whole balance (0 unless settled).
  public let settledPence: Int
  public let settled: Settlement?
  public let balancePence: Int

  public init(
    month: Day, periods: Int, invoicedPence: Int, askedPence: Int, settledPence: Int, settled: Settlement?,
    balancePence: Int
  ) {
    (self.month, self.periods, self.invoicedPence, self.askedPence) = (month, periods, invoicedPence, askedPence)
    (self.settledPence, self.settled, self.balancePence) = (settledPence, settled, balancePence)
  }
}

/// A person's payments: each month closed so far (oldest first), the month under way (invoiced so far; it
/// is asked for when the month ends), the choice in force and a request to settle not yet met.
public struct PaymentsStatement: Sendable, Hashable {
  public let personID: ID<Person>
  public let choice: PaymentsChoice
  public let months: [PaymentsMonth]
  public let current: Day
  public let invoicedThisMonthPence: Int
  /// When they asked to settle the balance, if no month has settled it yet.
  public let askedAt: Date?

  public init(
    personID: ID<Person>, choice: PaymentsChoice, months: [PaymentsMonth], current: Day, invoicedThisMonthPence: Int,
    askedAt: Date?
  ) {
    (self.personID, self.choice, self.months, self.current) = (personID, choice, months, current)
    (self.invoicedThisMonthPence, self.askedAt) = (invoicedThisMonthPence, askedAt)
  }

  /// Invoiced and not yet asked for.
  public var balancePence: Int { months.last?.balancePence ?? 0 }
}
