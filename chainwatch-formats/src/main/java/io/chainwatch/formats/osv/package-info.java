/** OSV records (ossf/osv-schema): open-source package compromises and vulnerabilities as incidents. */
@NullMarked
package io.chainwatch.formats.osv;

import org.jspecify.annotations.NullMarked;
