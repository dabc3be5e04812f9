import { useFormat } from '../../format/format';

/** An amount in USD for the reader, with the API's own figure as its machine-readable value. */
export function Money({ amount }: { amount: string }) {
  const format = useFormat();
  return <data value={amount}>{format.money(amount)}</data>;
}

/** A calendar date for the reader, the ISO date kept as its datetime. */
export function CalendarDate({ date }: { date: string }) {
  const format = useFormat();
  return <time dateTime={date}>{format.date(date)}</time>;
}
