# A Gherkin feature file: the Feature's description is the story, each scenario one of its acceptance criteria.
# Backlog Coach reads it whether or not a Cucumber extension is installed. Some scenarios below have defects
# the rules catch (hover the squiggles, or run `npx backlog-coach lint examples/`).
@RET-1 @returns
Feature: Return an order online
  As a returning shopper
  I want to return an order I do not keep
  So that I get my money back without calling support

  Returns are accepted for 30 days after delivery; the refund goes back to the payment method used.

  Background:
    Given I am signed in
      And I have an order that was delivered 5 days ago

  Scenario: Start a return from the order page
    When I open the order and choose "Return items"
      And I pick "too small" as the reason
    Then I get a return label by email within 2 minutes

  Scenario Outline: Refund by payment method
    Given the order was paid by <method>
    When the warehouse receives the parcel
    Then <amount> is refunded to the <method> within <days> days

    Examples:
      | method     | amount  | days |
      | card       | 49.90 € | 5    |
      | gift card  | 49.90 € | 1    |

  Rule: Late returns are refused
    Scenario: Return after the period
      Given the order was delivered 40 days ago
      When I choose "Return items"
      Then the refund works correctly

    Scenario: Return after the period, asked twice
      Given the order was delivered 40 days ago
      When I choose "Return items"
      Then the refund works correctly

  Scenario: Drop the parcel at a pick-up point
    Given I printed the return label
    When I drop the parcel at a pick-up point
    When the pick-up point scans it
    Then the return shows "In transit" on the order page

  Scenario: Cancel a return
    Given a return I started today
    When I cancel it
