package io.chainwatch.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProductProcessesTest {
  @Test
  void productName_givesTheExecutableName_anyFolder_anyCase() {
    ProductProcesses p = new ProductProcesses("3CX Desktop App");
    assertThat(p.matches("C:\\Users\\bob\\AppData\\Local\\Programs\\3CXDesktopApp\\3CXDesktopApp.exe")).isTrue();
    assertThat(p.matches("/Applications/3CX Desktop App.app/Contents/MacOS/3cxdesktopapp")).isTrue();
    assertThat(p.matches("C:\\Windows\\explorer.exe")).isFalse();
    assertThat(p.matches("C:\\Tools\\not3cxdesktopapp.exe")).isFalse();
    assertThat(p.matches(null)).isFalse();
  }

  @Test
  void installPath_folderMatchesImagesInside_executableMatchesByName() {
    ProductProcesses p = new ProductProcesses("Orion");
    p.add("C:\\Program Files (x86)\\SolarWinds\\Orion\\");
    p.add("D:\\apps\\BusinessLayerHost.exe");
    assertThat(p.folders()).containsExactly("c:\\program files (x86)\\solarwinds\\orion");
    assertThat(p.matches("C:\\Program Files (x86)\\SolarWinds\\Orion\\SolarWinds.BusinessLayerHost.exe")).isTrue();
    assertThat(p.matches("C:\\Program Files (x86)\\SolarWinds\\OrionX\\other.exe")).isFalse(); // a prefix, not the folder
    assertThat(p.matches("E:\\elsewhere\\businesslayerhost.exe")).isTrue();
  }

  @Test
  void normalise_lowerCasesAndHidesTheUser() {
    assertThat(ProductProcesses.normalise("C:\\Users\\Alice\\AppData\\x.dll")).isEqualTo("c:\\users\\*\\appdata\\x.dll");
    assertThat(ProductProcesses.normalise("/Users/alice/Library/x.dylib")).isEqualTo("/users/*/library/x.dylib");
    assertThat(ProductProcesses.normalise("/home/bob/.local/bin/tool")).isEqualTo("/home/*/.local/bin/tool");
    assertThat(ProductProcesses.normalise("C:\\Windows\\System32\\cmd.exe")).isEqualTo("c:\\windows\\system32\\cmd.exe");
  }
}
