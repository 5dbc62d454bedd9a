/**
 * A template as the recipient would roughly see it: header, body with its {{n}} variables marked,
 * footer and buttons, in a chat bubble. Components are loosely typed by the API, so every field is
 * read defensively and anything unexpected is simply not drawn.
 */
import { formatDateTime } from '@shared/format';
import type { TemplateItem } from '@shared/insights';
import { ToneBadge } from '../../components/ToneBadge';
import { rejectionText, templateCategory, templateStatus } from './template-status';

type Component = TemplateItem['components'][number];

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** "Hello {{1}}" -> ["Hello ", <var>{{1}}</var>]: variables stand out without any HTML injection. */
function withVariables(body: string) {
  return body.split(/(\{\{\s*\w+\s*\}\})/g).map((part, index) =>
    index % 2 === 1 ? (
      <span key={index} className="tpl-var">
        {part}
      </span>
    ) : (
      part
    ),
  );
}

function buttonsOf(component: Component): string[] {
  const buttons = component.buttons;
  if (!Array.isArray(buttons)) return [];
  return buttons
    .map((button: unknown) => (button && typeof button === 'object' ? text((button as Record<string, unknown>).text) : null))
    .filter((t): t is string => t !== null);
}

export function TemplatePreview({ template }: { template: TemplateItem }) {
  const status = templateStatus(template.status);
  const rejection = rejectionText(template.rejectedReason);
  const byType = (type: string) => template.components.filter((c) => typeof c.type === 'string' && c.type.toUpperCase() === type);
  const header = byType('HEADER')[0];
  const body = byType('BODY')[0];
  const footer = byType('FOOTER')[0];
  const buttons = byType('BUTTONS').flatMap(buttonsOf);
  const headerFormat = header ? (text(header.format)?.toUpperCase() ?? 'TEXT') : null;

  return (
    <section className="tpl-preview" aria-labelledby="tpl-preview-title">
      <div className="tpl-preview-head">
        <h3 id="tpl-preview-title" className="tpl-name">
          {template.name}
        </h3>
        <ToneBadge tone={status.tone} label={status.label} />
      </div>
      <p className="muted">
        {template.language} · {templateCategory(template.category)}
        {template.modifiedAt && <> · changed {formatDateTime(template.modifiedAt)}</>}
      </p>
      {rejection && (
        <p className="callout callout-negative">
          <strong>Rejected:</strong> {rejection}
        </p>
      )}
      <div className="bubble" role="group" aria-label="Message preview">
        {header &&
          (headerFormat === 'TEXT' ? (
            <p className="bubble-header">{withVariables(text(header.text) ?? '')}</p>
          ) : (
            <p className="bubble-media">{headerFormat?.toLowerCase()} header</p>
          ))}
        {body && <p className="bubble-body">{withVariables(text(body.text) ?? '')}</p>}
        {footer && <p className="bubble-footer">{text(footer.text)}</p>}
        {buttons.length > 0 && (
          <ul className="bubble-buttons">
            {buttons.map((label, index) => (
              <li key={index}>{label}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
