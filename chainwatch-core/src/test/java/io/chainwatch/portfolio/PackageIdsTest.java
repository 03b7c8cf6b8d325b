package io.chainwatch.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackageIdsTest {
  @Test
  void purlBase_dropsVersionQualifiersAndSubpath() {
    assertThat(PackageIds.purlBase("pkg:generic/3cx/3cx-desktopapp@18.12.416?os=windows#x")).isEqualTo("pkg:generic/3cx/3cx-desktopapp");
    assertThat(PackageIds.purlBase("pkg:maven/org.apache/Log4j-Core@2.14.1")).isEqualTo("pkg:maven/org.apache/log4j-core");
    assertThat(PackageIds.purlBase("pkg://npm/left-pad@1.0.0")).isEqualTo("pkg:npm/left-pad");
  }

  @Test
  void purlBase_notAPurl_isNull() {
    assertThat(PackageIds.purlBase("3cx")).isNull();
    assertThat(PackageIds.purlBase("pkg:nothing")).isNull();
    assertThat(PackageIds.purlBase(null)).isNull();
  }

  @Test
  void cpeBase_readsBothCpeForms() {
    assertThat(PackageIds.cpeBase("cpe:2.3:a:3cx:3cx_desktop_app:18.12.416:*:*:*:*:*:*:*")).isEqualTo("a:3cx:3cx_desktop_app");
    assertThat(PackageIds.cpeBase("cpe:/a:3cx:3cx_desktop_app:18.12.416")).isEqualTo("a:3cx:3cx_desktop_app");
    assertThat(PackageIds.cpeBase("cpe:2.3:a")).isNull();
  }
}
