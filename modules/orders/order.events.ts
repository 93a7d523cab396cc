/** The events of orders and receivables (src/events/domain-events.ts), for outbound integrations. */

/** Every step of an order's chain approved: it may be invoiced and executed; its opportunity is WON. */
export interface OrderApprovedEvent {
  orderId: number;
  accountId: number;
  territoryId: number;
  amount: string;
}

/** The business manager issued an execution order: delivery, invoicing and implementation start. */
export interface ExecutionIssuedEvent {
  orderId: number;
  territoryId: number;
  deliveryDate: string;
  taskIds: number[];
}

export interface InvoiceIssuedEvent {
  invoiceId: number;
  orderId: number;
  accountId: number;
  amount: string;
  dueOn: string;
}

export interface PaymentRecordedEvent {
  paymentId: number;
  invoiceId: number;
  orderId: number;
  amount: string;
  receivedOn: string;
}

declare module "../../src/events/domain-events" {
  interface DomainEvents {
    "order.approved": OrderApprovedEvent;
    "order.execution-issued": ExecutionIssuedEvent;
    "invoice.issued": InvoiceIssuedEvent;
    "payment.recorded": PaymentRecordedEvent;
  }
}
