using AutoScale.Gateway.Dashboard;
using Microsoft.AspNetCore.Http;

namespace AutoScale.Gateway.Tests.Dashboard;

public sealed class WorkerSiloPagesTests
{
    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/index.min.js")]
    [InlineData("/dashboardx/SiloProperties/S127.0.0.1:1:1")]
    [InlineData("/ops")]
    public void Paths_that_name_no_silo_page_are_left_to_the_dashboard(string path)
    {
        var (page, address) = WorkerSiloPages.PageOf(new PathString(path));

        Assert.Null(page);
        Assert.Equal("", address);
    }

    [Fact]
    public void A_silo_page_gives_its_name_and_the_unescaped_silo_address()
    {
        var (page, address) = WorkerSiloPages.PageOf(new PathString("/dashboard/SiloProperties/127.0.0.1%3A4000%40155438322"));

        Assert.Equal("SiloProperties", page);
        Assert.Equal("127.0.0.1:4000@155438322", address);
    }
}
