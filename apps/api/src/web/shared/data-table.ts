import { html, type Html, type HtmlValue } from './html';

export interface DataTableDescription {
  /** Names the table (its caption, for screen readers) and the region that scrolls it sideways. */
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly HtmlValue[])[];
  /** The first cell of a row names the row (a row header). */
  rowHeaders?: boolean;
}

/**
 * A table that scrolls sideways on a narrow screen: the scrolling region is named and can take the
 * keyboard's focus, so it scrolls with the arrow keys too.
 */
export function dataTable(table: DataTableDescription): Html {
  return html`<div class="table-wrap" role="region" aria-label="${table.caption}" tabindex="0">
    <table>
      <caption class="visually-hidden">
        ${table.caption}
      </caption>
      <thead>
        <tr>
          ${table.columns.map((column) => html`<th scope="col">${column}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${table.rows.map(
          (row) =>
            html`<tr>
              ${row.map((cell, i) => (i === 0 && table.rowHeaders ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
