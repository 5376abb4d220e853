package io.eventbus.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm lint --strict}: warnings fail too. */
class LintTest {

    @Test
    void theChartPassesStrictLint() {
        FakeCluster.get();
        LintResult lint = new Helm(Chart.DIR).lint().strict().call();

        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }
}
