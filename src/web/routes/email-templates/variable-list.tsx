import type { EmailVariableInfo } from "../../../contracts/email-templates.ts";

/** The variables a kind of email may use, each with what it holds and a sample. */
export function VariableList({ variables }: { variables: readonly EmailVariableInfo[] }) {
  return (
    <section className="card" aria-labelledby="template-variables-title">
      <h2 id="template-variables-title" className="card__title">
        Variables you can use
      </h2>
      <dl className="variable-list">
        {variables.map((variable) => (
          <div key={variable.name} className="variable-list__item">
            <dt>
              <code>{`{{${variable.name}}}`}</code>
            </dt>
            <dd>
              {variable.description}
              <span className="variable-list__sample"> (e.g. {variable.sample})</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
