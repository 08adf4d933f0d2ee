/**
 * Live feedback on a typed VIN: the VIN with offending positions marked, and the rule's words.
 *
 * The rules are the shared 49 CFR 565 ones (`shared/vin/vin-rules.ts`), the same the IPC
 * boundary applies, so the form never sends a VIN main would refuse.
 */
import type { VinIssue, VinValidation } from '../../../shared/vin/vin-rules';

export interface VinFeedbackProps {
  readonly validation: VinValidation;
  /** Show length problems (too short, empty) only once the user tried to submit. */
  readonly showLengthIssues: boolean;
}

const LENGTH_CODES = new Set<VinIssue['code']>(['EMPTY', 'TOO_SHORT']);

export function visibleIssues(validation: VinValidation, showLengthIssues: boolean): readonly VinIssue[] {
  return validation.issues.filter((issue) => showLengthIssues || !LENGTH_CODES.has(issue.code));
}

export function VinFeedback({ validation, showLengthIssues }: VinFeedbackProps): React.JSX.Element | null {
  const issues = visibleIssues(validation, showLengthIssues);
  if (issues.length === 0) return null;
  const marked = new Map<number, VinIssue['severity']>();
  for (const issue of issues) if (issue.position !== null) marked.set(issue.position, issue.severity);
  const chars = Array.from(validation.vin);
  const hasErrors = issues.some((i) => i.severity === 'error');
  return (
    <div className={`vin-feedback ${hasErrors ? 'vin-feedback-error' : 'vin-feedback-warning'}`} id="vin-feedback">
      {marked.size > 0 && (
        <div className="vin-chars" aria-label="VIN with problem positions marked">
          {chars.map((ch, index) => {
            const severity = marked.get(index + 1);
            return severity ? (
              <mark key={index} className={`vin-char vin-char-${severity}`} title={`Position ${index + 1}`}>
                {ch}
              </mark>
            ) : (
              <span key={index} className="vin-char">
                {ch}
              </span>
            );
          })}
        </div>
      )}
      <ul className="vin-issues">
        {issues.map((issue, index) => (
          <li key={`${issue.code}-${issue.position ?? 'x'}-${index}`} className={`vin-issue vin-issue-${issue.severity}`}>
            <span className="vin-issue-label">{issue.severity === 'error' ? 'Error' : 'Warning'}:</span> {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
